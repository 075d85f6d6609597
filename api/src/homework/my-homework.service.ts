import { ConflictException, Injectable } from '@nestjs/common';
import {
  addDays,
  missedOccurrences,
  occurrenceOn,
  type CheckInAnswers,
  type FieldProblem,
  type MyHomework,
  type MyHomeworkAssignment,
  type MyHomeworkEntry,
} from '@cairn/contracts';
import { checkInForm, normaliseCheckIn, validateCheckIn } from '@cairn/instruments';
import { In, IsNull, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { isUniqueViolation } from '../database/database-errors';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { FieldCipher } from '../crypto/field-cipher';
import { sealFields, createSealed } from '../crypto/sealed-fields';
import type { Client } from '../clients/entities/client.entity';
import type { CreateHomeworkEntryDto, UpdateHomeworkEntryDto } from './dto/homework.dto';
import { HomeworkAssignmentRecord } from './entities/homework-assignment.entity';
import { HomeworkEntryRecord } from './entities/homework-entry.entity';
import { HomeworkTemplateRecord } from './entities/homework-template.entity';
import { clinicToday } from '../clinics/clinic-time';
import { editableUntil, toMyEntry } from './homework-views';
import { Db } from '../database/db.service';

/** How many days after an occurrence ends the client may still fill it in (a late entry is welcome). */
export const LATE_ENTRY_DAYS = 7;

interface EntryContent {
  note: string | null;
  answers: CheckInAnswers | null;
  private: boolean;
}

/**
 * The client's side, in their portal: their own open homework, and entries they write and may
 * change for 24 hours. In couple work each partner has their own assignments, so neither ever
 * reaches the other's; anything not theirs is 404.
 */
@Injectable()
export class MyHomeworkService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async list(actor: AuthenticatedUser): Promise<MyHomework> {
    const manager = this.db.manager;
    const today = await clinicToday(manager, actor.clinicId);
    const own = await this.access.ownClientFile(actor, manager);
    if (!own) return { today, assignments: [] };
    const client = own.record;
    const lateFrom = addDays(today, -LATE_ENTRY_DAYS);
    const rows = await manager.find(HomeworkAssignmentRecord, {
      where: { clientId: client.id, closedAt: IsNull(), endsOn: MoreThanOrEqual(lateFrom) },
      relations: { template: true },
      order: { startsOn: 'ASC', createdAt: 'ASC' },
    });
    const entries = rows.length
      ? await manager.find(HomeworkEntryRecord, {
          where: { assignmentId: In(rows.map((row) => row.id)) },
          order: { occursOn: 'DESC' },
        })
      : [];
    const now = new Date();
    const assignments = rows
      .map((row): MyHomeworkAssignment => {
        const own = entries.filter((entry) => entry.assignmentId === row.id);
        const mine = own.map((entry) => toMyEntry(entry, now));
        const current = occurrenceOn(row, today);
        const overdue =
          row.frequency === 'daily'
            ? []
            : missedOccurrences(
                row,
                own.map((entry) => entry.occursOn),
                today,
              )
                .filter((occurrence) => occurrence.end >= lateFrom)
                .map((occurrence) => occurrence.start);
        const template = row.template!;
        return {
          id: row.id,
          title: template.title,
          why: template.why,
          kind: template.kind,
          checkInForm: template.checkInForm,
          readingKey: template.readingKey,
          instructions: row.instructions,
          frequency: row.frequency,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          current: current
            ? {
                occursOn: current.start,
                lastDay: current.end,
                entry: mine.find((entry) => entry.occursOn === current.start) ?? null,
              }
            : null,
          overdue,
          entries: mine.slice(0, 30),
        };
      })
      .filter((item) => item.current || item.overdue.length || item.startsOn > today);
    await this.audit.record({
      action: 'homework.own_listed',
      entityType: 'client',
      entityId: client.id,
      detail: { returned: assignments.length },
    });
    return { today, assignments };
  }

  async create(
    actor: AuthenticatedUser,
    assignmentId: string,
    dto: CreateHomeworkEntryDto,
  ): Promise<MyHomeworkEntry> {
    const entry = await this.db.transaction(async (manager) => {
      const { record: assignment } = await this.access.load(
        actor,
        'homeworkAssignment',
        assignmentId,
        'do',
        { manager, lock: true },
      );
      const client = assignment.client as Client;
      if (assignment.closedAt) {
        throw new ConflictException('Your therapist has closed this homework.');
      }
      const today = await clinicToday(manager, client.clinicId);
      if (dto.occursOn > today) throw new ConflictException('That day has not come yet.');
      const occurrence = occurrenceOn(assignment, dto.occursOn);
      if (!occurrence) {
        throw new ConflictException(
          `That day is outside this homework's dates (${assignment.startsOn} to ${assignment.endsOn}).`,
        );
      }
      if (occurrence.end < addDays(today, -LATE_ENTRY_DAYS)) {
        throw new ConflictException('That day is too long ago to fill in now.');
      }
      const template = await manager.findOneByOrFail(HomeworkTemplateRecord, {
        id: assignment.templateId,
      });
      const content = checkContent(template, {
        note: dto.note ?? null,
        answers: dto.answers ?? null,
        private: dto.private ?? false,
      });
      const taken = await manager.existsBy(HomeworkEntryRecord, {
        assignmentId,
        occursOn: occurrence.start,
      });
      if (taken) throw alreadyDone();
      const saved = await manager
        .save(
          createSealed(manager, this.cipher, HomeworkEntryRecord, {
            clinicId: assignment.clinicId,
            assignmentId,
            clientId: assignment.clientId,
            occursOn: occurrence.start,
            ...content,
          }),
        )
        .catch((error: unknown) => {
          throw isUniqueViolation(error, 'homework_entries_occurrence_key') ? alreadyDone() : error;
        });
      await this.audit.record(
        {
          action: 'homework.entry_created',
          entityType: 'homework_entry',
          entityId: saved.id,
          detail: { assignment: assignmentId, private: content.private },
        },
        manager,
      );
      return saved;
    });
    return toMyEntry(entry);
  }

  async update(
    actor: AuthenticatedUser,
    entryId: string,
    dto: UpdateHomeworkEntryDto,
  ): Promise<MyHomeworkEntry> {
    await this.db.transaction(async (manager) => {
      // Locked while it may still change; a fixed entry is read as it is (row-level security
      // hides it from FOR UPDATE) and refused below.
      const { record: entry } = await this.access.load(actor, 'homeworkEntry', entryId, 'edit', {
        manager,
        lock: true,
      });
      if (editableUntil(entry) <= new Date()) throw fixed();
      const assignment = await manager.findOneByOrFail(HomeworkAssignmentRecord, {
        id: entry.assignmentId,
      });
      const template = await manager.findOneByOrFail(HomeworkTemplateRecord, {
        id: assignment.templateId,
      });
      const content = checkContent(template, {
        note: dto.note !== undefined ? dto.note : entry.note,
        answers: dto.answers !== undefined ? dto.answers : entry.answers,
        private: dto.private ?? entry.private,
      });
      const { note, answers, ...clear } = content;
      const sealed = sealFields(this.cipher, HomeworkEntryRecord, entryId, { note, answers });
      await manager
        .update(HomeworkEntryRecord, entryId, { ...clear, ...sealed })
        .catch((error: unknown) => {
          // The trigger's word is final: the 24 hours may have run out during this request.
          throw (error as { code?: string }).code === '42501' ? fixed() : error;
        });
      await this.audit.record(
        {
          action: 'homework.entry_updated',
          entityType: 'homework_entry',
          entityId: entryId,
          detail: { fields: Object.keys(dto).join(',') },
        },
        manager,
      );
    });
    return toMyEntry(await this.db.manager.findOneByOrFail(HomeworkEntryRecord, { id: entryId }));
  }
}

function alreadyDone(): ConflictException {
  return new ConflictException('This one is already done. You can change your entry instead.');
}

function fixed(): ConflictException {
  return new ConflictException(
    'Entries can be changed for 24 hours; this one is now kept as it is.',
  );
}

/** What an entry must hold for its kind; every problem is named by field. */
function checkContent(template: HomeworkTemplateRecord, input: EntryContent): EntryContent {
  const problems: FieldProblem[] = [];
  const note = input.note?.trim() ? input.note.trim() : null;
  if (template.kind !== 'check_in' && input.answers) {
    problems.push({ field: 'answers', problems: ['answers are only for check-ins'] });
  }
  if (template.kind !== 'journal' && input.private) {
    problems.push({ field: 'private', problems: ['only journal entries can be kept private'] });
  }
  if (template.kind === 'journal' && !note) {
    problems.push({ field: 'note', problems: ['note needs a few words of reflection'] });
  }
  let answers: CheckInAnswers | null = null;
  if (template.kind === 'check_in') {
    const form = checkInForm(template.checkInForm ?? '');
    if (!form) throw new Error(`Unknown check-in form ${template.checkInForm ?? ''}`);
    if (!input.answers) {
      problems.push({ field: 'answers', problems: ['answers are needed for a check-in'] });
    } else {
      for (const problem of validateCheckIn(form, input.answers)) {
        problems.push({ field: problem.field, problems: [problem.problem] });
      }
      answers = normaliseCheckIn(form, input.answers);
    }
  }
  if (problems.length) throw new FieldValidationException(problems);
  return { note, answers, private: template.kind === 'journal' && input.private };
}
