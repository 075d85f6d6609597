import type { CheckInAnswers } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';
import { openRawField } from '../crypto/sealed-fields';
import { HomeworkEntryRecord } from './entities/homework-entry.entity';

/** One entry as progress data and the report read it. */
export interface ReportEntry {
  assignmentId: string;
  occursOn: string;
  /** An entry of a daily repair check-in, whose answers the felt-safety series charts. */
  repair: boolean;
  /** Opened for repair check-ins only; every other entry counts by its date alone. */
  answers: CheckInAnswers | null;
}

interface Row {
  id: string;
  assignment_id: string;
  occurs_on: string;
  answers_key_id: string | null;
  answers_sealed: Buffer | null;
}

/*
 * Every entry of these assignments in one fixed statement. Three years of a daily check-in and a
 * partner's are a thousand rows: TypeORM's hydration and the subscriber opening every entry's
 * answers cost more than the statement, while only the repair check-ins' answers are charted
 * (the others are counted by date). Their answers are opened with the subscriber's context rule;
 * no other entry's sealed answers leave the database. Row-level security keeps the read inside
 * the request's clinic.
 */
export async function entriesForReport(
  manager: EntityManager,
  cipher: FieldCipher,
  assignmentIds: string[],
  repairAssignmentIds: string[],
): Promise<ReportEntry[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await manager.query<Row[]>(
    `SELECT id, assignment_id, occurs_on::text AS occurs_on,
            CASE WHEN assignment_id = ANY($2::uuid[]) THEN answers_key_id END AS answers_key_id,
            CASE WHEN assignment_id = ANY($2::uuid[]) THEN answers_sealed END AS answers_sealed
       FROM homework_entries
      WHERE assignment_id = ANY($1::uuid[])`,
    [assignmentIds, repairAssignmentIds],
  );
  const repair = new Set(repairAssignmentIds);
  // The statement already left every other entry's sealed columns null: opening is a no-op there.
  return rows.map((row) => ({
    assignmentId: row.assignment_id,
    occursOn: row.occurs_on,
    repair: repair.has(row.assignment_id),
    answers: openRawField(
      cipher,
      HomeworkEntryRecord,
      'answers',
      row.id,
      row.answers_key_id,
      row.answers_sealed,
    ) as CheckInAnswers | null,
  }));
}
