import type { Answers, AssessmentResult } from '@cairn/contracts';
import { EARLIER_VERSIONS, INSTRUMENTS } from '@cairn/instruments';
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';
import { openRawField } from '../crypto/sealed-fields';
import { Assessment } from './entities/assessment.entity';

/** What a score series needs of one completed administration. */
export type SeriesAdministration = Pick<
  Assessment,
  'id' | 'instrumentCode' | 'instrumentVersion' | 'result' | 'total' | 'completedAt' | 'createdAt'
> & {
  /** Opened only for instruments whose chart reads the answers; absent or null otherwise. */
  answers?: Answers | null;
};

/**
 * The instruments whose series read answers (an interpretation guide's context items), in any
 * version still read. The others chart totals and bands only, so their answers stay sealed.
 */
const READS_ANSWERS = [
  ...new Set(
    [...INSTRUMENTS, ...EARLIER_VERSIONS]
      .filter((definition) => definition.interpretation)
      .map((definition) => definition.code),
  ),
];

interface Row {
  id: string;
  instrument_code: string;
  instrument_version: string;
  result: AssessmentResult | null;
  total: string | null;
  completed_at: Date | null;
  created_at: Date;
  answers_key_id: string | null;
  answers_sealed: Buffer | null;
}

/**
 * An administration `a` that no completed correction replaces: what every score series reads (a
 * correction stands in for the one it replaces). On the partial index of `replaces_id`.
 */
export const NOT_REPLACED = `NOT EXISTS (SELECT 1 FROM assessments c WHERE c.replaces_id = a.id AND c.status = 'completed')`;

/*
 * A client's completed administrations, oldest first, leaving out any a completed correction
 * replaced: read by progress data, the report, the measures page. As a fixed statement rather
 * than TypeORM's builder: three years of weekly questionnaires are some 450 rows, and hydrating
 * each into an entity and opening every sealed answer set (and the index event no chart reads)
 * cost more than the statement. Row-level security keeps it inside the request's clinic.
 */
export async function completedAdministrations(
  manager: EntityManager,
  cipher: FieldCipher,
  clientId: string,
): Promise<SeriesAdministration[]> {
  const rows = await manager.query<Row[]>(
    `SELECT a.id, a.instrument_code, a.instrument_version, a.result, a.total, a.completed_at,
            a.created_at,
            CASE WHEN a.instrument_code = ANY($2) THEN a.answers_key_id END AS answers_key_id,
            CASE WHEN a.instrument_code = ANY($2) THEN a.answers_sealed END AS answers_sealed
       FROM assessments a
      WHERE a.client_id = $1 AND a.status = 'completed'
        AND ${NOT_REPLACED}
      ORDER BY a.completed_at ASC`,
    [clientId, READS_ANSWERS],
  );
  return rows.map((row) => ({
    id: row.id,
    instrumentCode: row.instrument_code,
    instrumentVersion: row.instrument_version,
    result: row.result,
    total: row.total === null ? null : Number(row.total),
    completedAt: row.completed_at,
    createdAt: row.created_at,
    answers: openRawField(
      cipher,
      Assessment,
      'answers',
      row.id,
      row.answers_key_id,
      row.answers_sealed,
    ) as Answers | null,
  }));
}
