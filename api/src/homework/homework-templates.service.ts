import { Injectable } from '@nestjs/common';
import type { HomeworkTemplate } from '@cairn/contracts';
import { checkInForm } from '@cairn/instruments';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException } from '../http/api-exception.filter';
import type { CreateHomeworkTemplateDto } from './dto/homework.dto';
import { HomeworkTemplateRecord } from './entities/homework-template.entity';
import { HOMEWORK_LIBRARY } from './homework-library';
import { toTemplate } from './homework-views';
import { Db } from '../database/db.service';

const LIBRARY_ORDER = new Map(HOMEWORK_LIBRARY.map((exercise, index) => [exercise.key, index]));

/** The clinic's homework library: the shared exercises, copied in for the clinic, and its own. */
@Injectable()
export class HomeworkTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthenticatedUser): Promise<HomeworkTemplate[]> {
    await ensureLibrary(this.db.manager, actor.clinicId);
    const rows = await this.db.manager.find(HomeworkTemplateRecord, {
      where: { clinicId: actor.clinicId },
      relations: { creator: true },
    });
    return rows.sort(byLibraryThenTitle).map(toTemplate);
  }

  async create(
    actor: AuthenticatedUser,
    dto: CreateHomeworkTemplateDto,
  ): Promise<HomeworkTemplate> {
    const form = dto.checkInForm ?? null;
    if (dto.kind === 'check_in' && (!form || !checkInForm(form))) {
      throw new FieldValidationException([
        { field: 'checkInForm', problems: ['a check-in needs one of the check-in forms'] },
      ]);
    }
    if (dto.kind !== 'check_in' && form) {
      throw new FieldValidationException([
        { field: 'checkInForm', problems: ['checkInForm is only for check-ins'] },
      ]);
    }
    return this.db.transaction(async (manager) => {
      const record = await manager.save(
        manager.create(HomeworkTemplateRecord, {
          clinicId: actor.clinicId,
          libraryKey: null,
          title: dto.title,
          why: dto.why,
          instructions: dto.instructions,
          kind: dto.kind,
          checkInForm: dto.kind === 'check_in' ? form : null,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          action: 'homework_template.created',
          entityType: 'homework_template',
          entityId: record.id,
        },
        manager,
      );
      return toTemplate({
        ...record,
        creator: { displayName: actor.displayName },
      } as HomeworkTemplateRecord);
    });
  }
}

/** Copies any library exercise the clinic does not have yet (first use, or a library that grew). */
export async function ensureLibrary(manager: EntityManager, clinicId: string): Promise<void> {
  const present = await manager.count(HomeworkTemplateRecord, {
    where: { clinicId, libraryKey: Not(IsNull()) },
  });
  if (present >= HOMEWORK_LIBRARY.length) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(HomeworkTemplateRecord)
    .values(
      HOMEWORK_LIBRARY.map((exercise) => ({
        clinicId,
        libraryKey: exercise.key,
        title: exercise.title,
        why: exercise.why,
        instructions: exercise.instructions,
        kind: exercise.kind,
        checkInForm: exercise.checkInForm ?? null,
        createdBy: null,
      })),
    )
    .orIgnore()
    .execute();
}

function byLibraryThenTitle(a: HomeworkTemplateRecord, b: HomeworkTemplateRecord): number {
  const order = (row: HomeworkTemplateRecord) =>
    row.libraryKey !== null ? (LIBRARY_ORDER.get(row.libraryKey) ?? 999) : 1000;
  return order(a) - order(b) || a.title.localeCompare(b.title);
}
