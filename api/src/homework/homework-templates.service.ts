import { Injectable } from '@nestjs/common';
import type { HomeworkTemplate } from '@cairn/contracts';
import { checkInForm } from '@cairn/instruments';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException } from '../http/api-exception.filter';
import type { CreateHomeworkTemplateDto } from './dto/homework.dto';
import { HomeworkTemplateRecord } from './entities/homework-template.entity';
import { READING_LIBRARY } from '../readings/reading-library';
import { HOMEWORK_LIBRARY, type LibraryExercise } from './homework-library';
import { toTemplate } from './homework-views';
import { Db } from '../database/db.service';

/**
 * Every reading of the portal's library, as an exercise to assign: reading it is the homework.
 */
const READING_EXERCISES: readonly LibraryExercise[] = READING_LIBRARY.map((reading) => ({
  key: `reading-${reading.key}`,
  title: `Read: ${reading.title}`,
  why: reading.summary,
  instructions: `A short reading (about ${reading.minutes} minutes) in your portal. Find a quiet moment; when you reach the end, mark it read. Bring anything that stayed with you to your next session.`,
  kind: 'reading',
  readingKey: reading.key,
}));

/** What every clinic's library holds, in the order the therapist sees it. */
export const CLINIC_LIBRARY: readonly LibraryExercise[] = [
  ...HOMEWORK_LIBRARY,
  ...READING_EXERCISES,
];

const LIBRARY_ORDER = new Map(CLINIC_LIBRARY.map((exercise, index) => [exercise.key, index]));

/** The clinic's homework library: the shared exercises, kept in step for the clinic, and its own. */
@Injectable()
export class HomeworkTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(actor: AuthenticatedUser): Promise<HomeworkTemplate[]> {
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
    if (dto.kind === 'reading') {
      throw new FieldValidationException([
        { field: 'kind', problems: ['readings come from the reading library, not a new exercise'] },
      ]);
    }
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

/**
 * Brings a clinic's copy of the library in step with the code, by stable key: new exercises are
 * added, and the wording of existing ones (title, why, instructions) follows the library, so a
 * change such as renaming what shamed the client reaches clinics that already exist. Run at
 * start-up for every clinic and when a clinic is created; never on a read. Idempotent and safe
 * to run from several processes at once. Assignments keep the instructions they were given with.
 */
export async function syncHomeworkLibrary(
  manager: Pick<EntityManager, 'query'>,
  clinicId: string,
): Promise<void> {
  const rows = CLINIC_LIBRARY.map((exercise) => ({
    key: exercise.key,
    title: exercise.title,
    why: exercise.why,
    instructions: exercise.instructions,
    kind: exercise.kind,
    form: exercise.checkInForm ?? null,
    reading: exercise.readingKey ?? null,
  }));
  await manager.query(
    `INSERT INTO homework_templates
            (clinic_id, library_key, title, why, instructions, kind, check_in_form, reading_key, created_by)
     SELECT $1, x.key, x.title, x.why, x.instructions, x.kind::homework_kind, x.form, x.reading, NULL
       FROM jsonb_to_recordset($2::jsonb)
            AS x(key text, title text, why text, instructions text, kind text, form text, reading text)
     ON CONFLICT (clinic_id, library_key) WHERE library_key IS NOT NULL
     DO UPDATE SET title = EXCLUDED.title, why = EXCLUDED.why, instructions = EXCLUDED.instructions,
                   kind = EXCLUDED.kind, check_in_form = EXCLUDED.check_in_form,
                   reading_key = EXCLUDED.reading_key
      WHERE (homework_templates.title, homework_templates.why, homework_templates.instructions,
             homework_templates.kind, homework_templates.check_in_form, homework_templates.reading_key)
            IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.why, EXCLUDED.instructions,
             EXCLUDED.kind, EXCLUDED.check_in_form, EXCLUDED.reading_key)`,
    [clinicId, JSON.stringify(rows)],
  );
}

function byLibraryThenTitle(a: HomeworkTemplateRecord, b: HomeworkTemplateRecord): number {
  const order = (row: HomeworkTemplateRecord) =>
    row.libraryKey !== null ? (LIBRARY_ORDER.get(row.libraryKey) ?? 999) : 1000;
  return order(a) - order(b) || a.title.localeCompare(b.title);
}
