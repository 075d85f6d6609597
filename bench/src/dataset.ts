/**
 * The benchmark's sizes (`BENCH_SIZE=S|M|L`) and the bulk of their data: more therapists and
 * clients, two years of care across every caseload (sessions, signed notes, PHQ-9s) and the audit
 * trail. Rows that follow a pattern are written with SQL set operations (generate_series,
 * INSERT … SELECT); the sealed columns (note content, questionnaire answers) are sealed in Node
 * with the API's own FieldCipher and context rule, and written with COPY.
 */
import { addDays } from '@cairn/contracts';
import type { Answers } from '@cairn/contracts';
import type { InstrumentDefinition } from '@cairn/instruments';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BuiltApi, Sealer } from './built-api';
import { answersTotalling, type People } from './seed';

export type BenchSize = 'S' | 'M' | 'L';

export interface Dataset {
  size: BenchSize;
  clinics: number;
  /** Clients in each clinic, the bench therapist's caseload included in the first. */
  clientsPerClinic: number;
  therapistsPerClinic: number;
  /** Audit rows over all clinics, spread over the two years of care. */
  auditRows: number;
}

export const DATASETS: Record<BenchSize, Dataset> = {
  S: { size: 'S', clinics: 1, clientsPerClinic: 500, therapistsPerClinic: 1, auditRows: 50_000 },
  M: {
    size: 'M',
    clinics: 1,
    clientsPerClinic: 10_000,
    therapistsPerClinic: 50,
    auditRows: 1_000_000,
  },
  L: {
    size: 'L',
    clinics: 100,
    clientsPerClinic: 1_000,
    therapistsPerClinic: 10,
    auditRows: 10_000_000,
  },
};

export function datasetFromEnv(): Dataset {
  const size = (process.env['BENCH_SIZE'] ?? 'S').toUpperCase();
  if (!(size in DATASETS)) throw new Error(`BENCH_SIZE must be S, M or L, not "${size}"`);
  return DATASETS[size as BenchSize];
}

/** Days of care the bulk data covers, ending yesterday. */
export const CARE_DAYS = 730;
/** Session start hours (clinic time) for the bulk care; 10:00 is the three-year client's. */
const HOURS = [7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19];
const COPY_BATCH = 20_000;

const step = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  step(`${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** A bytea value in COPY's text format. */
const bytea = (data: Buffer) => `\\\\x${data.toString('hex')}`;
/** A text value in COPY's text format (no tabs or newlines in what the bench writes). */
const text = (value: string | null) =>
  value === null ? '\\N' : value.replace(/\\/g, '\\\\').replace(/\t/g, ' ').replace(/\n/g, '\\n');

async function copyRows(db: Client, table: string, columns: string[], rows: string[][]) {
  if (rows.length === 0) return;
  const stream = db.query(
    copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`),
  );
  await pipeline(
    Readable.from(
      (function* () {
        for (const row of rows) yield `${row.join('\t')}\n`;
      })(),
    ),
    stream,
  );
}

export interface BulkCounts {
  clinics: number;
  therapists: number;
  clients: number;
  appointments: number;
  notes: number;
  assessments: number;
  auditRows: number;
}

/**
 * Everything beyond the bench therapist's own people: the other therapists and clients, two years
 * of care for every client but the three-year one and the partner, and the audit trail.
 */
export async function seedBulk(
  db: Client,
  api: BuiltApi,
  sealer: Sealer,
  people: People,
  dataset: Dataset,
  caseload: number,
  passwordHash: string,
): Promise<BulkCounts> {
  const { clinicId, therapistId, clientId, partnerId, today } = people;

  // The clinics, numbered: the bench clinic first.
  await db.query(`CREATE TEMP TABLE bench_clinics (n int PRIMARY KEY, id uuid NOT NULL)`);
  await db.query(`INSERT INTO bench_clinics VALUES (1, $1)`, [clinicId]);
  await db.query(
    `WITH made AS (
       INSERT INTO clinics (name, time_zone)
       SELECT 'Benchmark Clinic ' || g, 'America/Chicago' FROM generate_series(2, $1::int) AS g
       RETURNING id, name)
     INSERT INTO bench_clinics SELECT substring(name FROM '[0-9]+$')::int, id FROM made`,
    [dataset.clinics],
  );

  // Therapists besides the bench one; each clinic's clients are shared among them.
  await timed('therapists', () =>
    db.query(
      `INSERT INTO users (clinic_id, email, display_name, role, password_hash)
       SELECT c.id, 'therapist-' || c.n || '-' || g || '@bench.test', 'Therapist ' || c.n || '-' || g,
              'therapist', $2
         FROM bench_clinics c,
              generate_series(CASE WHEN c.n = 1 THEN 2 ELSE 1 END, $1::int) AS g`,
      [dataset.therapistsPerClinic, passwordHash],
    ),
  );
  const bulkClients = await timed('clients', async () => {
    const result = await db.query(
      `WITH staff AS (
         SELECT u.id, u.clinic_id, c.n AS clinic_n,
                row_number() OVER (PARTITION BY u.clinic_id ORDER BY u.email) AS i,
                count(*) OVER (PARTITION BY u.clinic_id) AS m
           FROM users u JOIN bench_clinics c ON c.id = u.clinic_id
          WHERE u.role = 'therapist' AND u.id <> $1),
       shares AS (
         SELECT s.*, (CASE WHEN s.clinic_n = 1 THEN $2::int - $3::int ELSE $2::int END) AS total
           FROM staff s)
       INSERT INTO clients (clinic_id, legal_name, date_of_birth, email, status,
                            primary_therapist_id, intake_date)
       SELECT s.clinic_id,
              (ARRAY['Ana','Bo','Chen','Dara','Émile','Farah','Giulia','Hana','Ivan','Jonas','Kemi'])[1 + g % 11]
                || ' ' || (ARRAY['Okafor','Lindqvist','Nguyễn','Kowalski','Çelik','Müller','Rossi','Tanaka',
                                 'Walsh','Haddad','Silva','Novak','Byrne'])[1 + g % 13] || ' ' || s.clinic_n || '-' || s.i || '-' || g,
              date '1950-01-01' + ((g * 37 + s.i) % 18000)::int,
              'client-' || s.clinic_n || '-' || s.i || '-' || g || '@bench.test',
              (ARRAY['prospect','active','active','active','paused','discharged'])[1 + g % 6]::client_status,
              s.id,
              $4::date - ((g * 3) % 1000)::int
         FROM shares s,
              generate_series(1, s.total / s.m + CASE WHEN s.i <= s.total % s.m THEN 1 ELSE 0 END) AS g
        WHERE s.total > 0`,
      [therapistId, dataset.clientsPerClinic, Math.min(caseload, dataset.clientsPerClinic), today],
    );
    return result.rowCount ?? 0;
  });

  // Two years of care: each client (prospects aside) seen every `cycle` days on a slot of their
  // own in their therapist's week, so no two sessions of a therapist overlap.
  const largest = (
    await db.query<{ n: number }>(
      `SELECT coalesce(max(n), 0)::int AS n FROM (
         SELECT count(*) AS n FROM clients GROUP BY primary_therapist_id) AS t`,
    )
  ).rows[0]?.n;
  const cycle = Math.max(42, Math.ceil((largest ?? 0) / HOURS.length));
  const start = addDays(today, -CARE_DAYS);
  const appointments = await timed('appointments', async () => {
    const result = await db.query(
      `WITH numbered AS (
         SELECT c.id, c.clinic_id, c.primary_therapist_id AS therapist_id,
                row_number() OVER (PARTITION BY c.primary_therapist_id ORDER BY c.id) - 1 AS k
           FROM clients c
          WHERE c.status <> 'prospect' AND c.id NOT IN ($1, $2) AND c.primary_therapist_id IS NOT NULL)
       INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id,
                                 cancelled_at, cancelled_by, cancel_reason, created_by, created_at)
       SELECT n.clinic_id, n.therapist_id, 'session',
              CASE WHEN (n.k + s) % 17 = 0 THEN 'cancelled' WHEN (n.k + s) % 29 = 0 THEN 'no_show'
                   ELSE 'completed' END::appointment_status,
              t.at, t.at + interval '50 minutes', n.id,
              CASE WHEN (n.k + s) % 17 = 0 THEN t.at - interval '30 hours' END,
              CASE WHEN (n.k + s) % 17 = 0 THEN n.therapist_id END,
              CASE WHEN (n.k + s) % 17 = 0 THEN 'Unwell' END,
              n.therapist_id, t.at - interval '14 days'
         FROM numbered n,
              generate_series(0, $4::int / $5::int - 1) AS s,
              LATERAL (SELECT (($3::date + s * $5::int + (n.k % $5::int)::int)::timestamp
                               + make_interval(hours => ($6::int[])[1 + (n.k / $5::int) % $7::int]))
                              AT TIME ZONE 'America/Chicago' AS at) AS t
        WHERE t.at < now()`,
      [clientId, partnerId, start, CARE_DAYS, cycle, HOURS, HOURS.length],
    );
    return result.rowCount ?? 0;
  });

  // A signed SOAP note for every completed session and a PHQ-9 at every other one.
  const phq9 = api.findInstrument('PHQ-9') as InstrumentDefinition;
  const byTotal = Array.from({ length: 28 }, (_, total) => {
    const answers: Answers = answersTotalling(phq9, total);
    const score = api.scoreAnswers(phq9, answers);
    return { answers, result: JSON.stringify(api.toResult(phq9, score)), total: score.total };
  });
  let notes = 0;
  let assessments = 0;
  // A note's row trigger recomputes, with two UPDATEs, every appointment it could document; row
  // by row over a million notes that is most of the seeding (PostgreSQL, not the sealing). The
  // generator turns that one trigger off for its COPY and then touches each appointment once,
  // so `appointments_documented` itself still computes every flag by the rule.
  await db.query(`ALTER TABLE session_notes DISABLE TRIGGER session_notes_document_appointments`);
  try {
    await timed('notes and PHQ-9s (sealed in Node, COPY)', async () => {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch = (
          await db.query<{
            id: string;
            clinic_id: string;
            client_id: string;
            therapist_id: string;
            starts_at: Date;
            nth: number;
          }>(
            `SELECT a.id, a.clinic_id, a.client_id, a.therapist_id, a.starts_at,
                  (extract(epoch FROM a.starts_at) / 86400)::int AS nth
             FROM appointments a
            WHERE a.status = 'completed' AND a.client_id NOT IN ($1, $2) AND a.id > $3
            ORDER BY a.id LIMIT ${COPY_BATCH}`,
            [clientId, partnerId, after],
          )
        ).rows;
        if (batch.length === 0) break;
        after = batch[batch.length - 1]?.id ?? after;
        const noteRows: string[][] = [];
        const assessmentRows: string[][] = [];
        for (const row of batch) {
          const id = randomUUID();
          const content = {
            subjective: `Reported a steadier week; sleep better on most nights (${row.nth}).`,
            objective: 'Engaged, affect brighter than last session.',
            assessment: 'Progressing toward goals; no new risk indicators.',
            plan: 'Continue the current plan; review the daily check-in next session.',
          };
          const sealed = sealer.seal(JSON.stringify(content), `session_notes:${id}:content`);
          const signedAt = new Date(row.starts_at.getTime() + 2 * 3600_000);
          const note = {
            id,
            clientId: row.client_id,
            authorId: row.therapist_id,
            kind: 'progress',
            templateCode: 'soap',
            serviceType: 'individual_45',
            cptCode: '90834',
            sessionAt: row.starts_at,
            durationMinutes: 50,
          };
          noteRows.push([
            id,
            row.clinic_id,
            row.client_id,
            row.therapist_id,
            'progress',
            'soap',
            'individual_45',
            '90834',
            row.id,
            row.starts_at.toISOString(),
            '50',
            'signed',
            sealed.keyId,
            bytea(sealed.data),
            signedAt.toISOString(),
            api.hashOfNote(note, signedAt, content),
            signedAt.toISOString(),
            signedAt.toISOString(),
          ]);
          if (row.nth % 2 === 0) {
            // Most improve over the two years; one in nine gets worse (the home's alerts).
            const days = (row.starts_at.getTime() - Date.parse(start)) / 86400_000;
            const first = 8 + (row.nth % 13);
            const drift = (row.client_id.charCodeAt(0) % 9 === 0 ? 1 : -1) * (days / CARE_DAYS) * 8;
            const total = Math.max(0, Math.min(27, Math.round(first + drift)));
            const scored = byTotal[total] ?? byTotal[0];
            if (!scored) continue;
            const assessmentId = randomUUID();
            const answers = sealer.seal(
              JSON.stringify(scored.answers),
              `assessments:${assessmentId}:answers`,
            );
            const at = new Date(row.starts_at.getTime() + 10 * 60_000).toISOString();
            assessmentRows.push([
              assessmentId,
              row.clinic_id,
              row.client_id,
              'PHQ-9',
              phq9.version,
              'in_session',
              'completed',
              answers.keyId,
              bytea(answers.data),
              text(scored.result),
              String(scored.total),
              row.therapist_id,
              at,
              at,
              at,
              row.therapist_id,
            ]);
          }
        }
        await copyRows(
          db,
          'session_notes',
          [
            'id',
            'clinic_id',
            'client_id',
            'author_id',
            'kind',
            'template_code',
            'service_type',
            'cpt_code',
            'appointment_id',
            'session_at',
            'duration_minutes',
            'status',
            'content_key_id',
            'content_sealed',
            'signed_at',
            'content_hash',
            'created_at',
            'updated_at',
          ],
          noteRows,
        );
        await copyRows(
          db,
          'assessments',
          [
            'id',
            'clinic_id',
            'client_id',
            'instrument_code',
            'instrument_version',
            'mode',
            'status',
            'answers_key_id',
            'answers_sealed',
            'result',
            'total',
            'created_by',
            'created_at',
            'updated_at',
            'completed_at',
            'completed_by',
          ],
          assessmentRows,
        );
        notes += noteRows.length;
        assessments += assessmentRows.length;
      }
    });
  } finally {
    // On every way out: a database left with the trigger off would keep stale flags.
    await db.query(`ALTER TABLE session_notes ENABLE TRIGGER session_notes_document_appointments`);
  }
  await timed('appointments documented (one touch each)', () =>
    db.query(`UPDATE appointments SET documented = documented WHERE client_id NOT IN ($1, $2)`, [
      clientId,
      partnerId,
    ]),
  );
  // With the trigger off, every completed session entered the partial "note owed" index, and the
  // touch took nearly all of them out again: 86 MB of emptied pages at L, which steered the
  // planner off the index (the therapist home's notes-owed read took 17 ms instead of 3). A clinic
  // that documents as it goes keeps that index small; rebuilt, the bench's is too.
  await timed('note-owed index rebuilt', () =>
    db.query('REINDEX INDEX appointments_note_owed_idx'),
  );

  // The audit trail: what a clinic's days leave behind (files opened, notes read, sign-ins),
  // spread evenly over the two years, each clinic its share.
  const actions = [
    'client.viewed',
    'client.listed',
    'progress.viewed',
    'dashboard.viewed',
    'assessment.viewed',
    'assessment.completed',
    'auth.signed_in',
    'note.viewed',
  ];
  const perClinic = Math.floor(dataset.auditRows / dataset.clinics);
  await timed(`${dataset.auditRows} audit rows`, async () => {
    // The trail is partitioned by month and refuses a row whose month has no partition: the
    // months in the past are made first, as a restore does (owner-only function).
    await db.query(
      `SELECT public.audit_events_partition_for(m)
         FROM generate_series(date_trunc('month', now() - make_interval(days => $1::int + 1)),
                              date_trunc('month', now()), interval '1 month') AS m`,
      [CARE_DAYS],
    );
    for (let n = 1; n <= dataset.clinics; n++) {
      await db.query(
        `WITH c AS (SELECT id FROM bench_clinics WHERE n = $1),
              staff AS (SELECT array_agg(u.id ORDER BY u.id) AS ids FROM users u, c WHERE u.clinic_id = c.id),
              files AS (SELECT array_agg(x.id ORDER BY x.id) AS ids FROM clients x, c WHERE x.clinic_id = c.id)
         INSERT INTO audit_events (occurred_at, user_id, role, clinic_id, action, entity_type, entity_id,
                                   client_id, outcome, request_id, ip)
         SELECT now() - make_interval(secs => (g::float8 / $2::int) * $3::int * 86400),
                staff.ids[1 + g % cardinality(staff.ids)], 'therapist', c.id,
                ($4::text[])[1 + g % cardinality($4::text[])], 'client',
                files.ids[1 + (g * 7) % cardinality(files.ids)]::text,
                files.ids[1 + (g * 7) % cardinality(files.ids)],
                CASE WHEN g % 97 = 0 THEN 'denied' ELSE 'success' END::audit_outcome,
                'bench-' || g, '10.0.' || (g % 250) || '.' || (g % 200)
           FROM c, staff, files, generate_series(1, $2::int) AS g`,
        [n, perClinic, CARE_DAYS, actions],
      );
    }
  });

  const counts = (
    await db.query<{ therapists: number; clients: number }>(
      `SELECT (SELECT count(*)::int FROM users WHERE role = 'therapist') AS therapists,
              (SELECT count(*)::int FROM clients) AS clients`,
    )
  ).rows[0];
  step(`bulk: ${bulkClients} more clients, ${appointments} sessions (every ${cycle} days)`);
  return {
    clinics: dataset.clinics,
    therapists: counts?.therapists ?? 0,
    clients: counts?.clients ?? 0,
    appointments,
    notes,
    assessments,
    auditRows: perClinic * dataset.clinics,
  };
}
