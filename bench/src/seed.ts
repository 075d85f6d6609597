/**
 * The benchmark's data, written with SQL (generate_series where the rows follow a pattern):
 * a clinic, a therapist with a caseload of 500 clients, and one client (in couples work) with
 * three years of weekly care: ~150 appointments, ~450 completed PHQ-9/GAD-7/PCL-5, two Trust
 * Patterns, ~1,000 homework entries, timeline events and two risk flags.
 */
import { addDays, todayIn, type Answers } from '@cairn/contracts';
import type { InstrumentDefinition } from '@cairn/instruments';
import type { Client } from 'pg';
import type { BuiltApi } from './built-api';

export const TIME_ZONE = 'America/Chicago';
export const THERAPIST_EMAIL = 'therapist@bench.test';
/** The clinic's administrator: the client directory and the audit trail. */
export const ADMIN_EMAIL = 'admin@bench.test';
export const PASSWORD = 'bench-password-2026';
/** Clients on the therapist's caseload; BENCH_CASELOAD=5000 checks that the lists stay flat at 10×. */
export const CASELOAD = Number(process.env['BENCH_CASELOAD'] ?? 500);
export const WEEKS = 150;

export interface People {
  clinicId: string;
  therapistId: string;
  clientId: string;
  partnerId: string;
  adminId: string;
  today: string;
  /** The scrypt hash of PASSWORD, for every bench account. */
  passwordHash: string;
}

/** The clinic, the therapist, the client and partner, and the rest of the caseload. */
export async function seedPeople(db: Client, api: BuiltApi): Promise<People> {
  const today = todayIn(TIME_ZONE);
  const one = async (sql: string, params: unknown[]) =>
    (await db.query<{ id: string }>(sql, params)).rows[0].id;
  const clinicId = await one(
    `INSERT INTO clinics (name, time_zone) VALUES ('Benchmark Counselling', $1) RETURNING id`,
    [TIME_ZONE],
  );
  await api.syncHomeworkLibrary(
    { query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows },
    clinicId,
  );
  const passwordHash = await api.hashPassword(PASSWORD);
  const therapistId = await one(
    `INSERT INTO users (clinic_id, email, display_name, role, password_hash)
     VALUES ($1, $2, 'Dr. Bench Marker', 'therapist', $3) RETURNING id`,
    [clinicId, THERAPIST_EMAIL, passwordHash],
  );
  const adminId = await one(
    `INSERT INTO users (clinic_id, email, display_name, role, password_hash)
     VALUES ($1, $2, 'Bench Admin', 'admin', $3) RETURNING id`,
    [clinicId, ADMIN_EMAIL, passwordHash],
  );
  const person = `INSERT INTO clients (clinic_id, legal_name, preferred_name, date_of_birth, status,
                    primary_therapist_id, intake_date)
                  VALUES ($1, $2, $3, $4, 'active', $5, $6) RETURNING id`;
  const intake = addDays(today, -WEEKS * 7 - 14);
  const clientId = await one(person, [
    clinicId,
    'Zoë Nguyễn',
    'Zoë',
    '1986-04-12',
    therapistId,
    intake,
  ]);
  const partnerId = await one(person, [
    clinicId,
    "Łukasz O'Brien",
    null,
    '1984-09-30',
    therapistId,
    intake,
  ]);
  await db.query(`UPDATE clients SET partner_id = $2 WHERE id = $1`, [clientId, partnerId]);
  await db.query(`UPDATE clients SET partner_id = $1 WHERE id = $2`, [clientId, partnerId]);
  await db.query(
    `INSERT INTO clients (clinic_id, legal_name, date_of_birth, email, status, primary_therapist_id, intake_date)
     SELECT $1,
            (ARRAY['Ana','Bo','Chen','Dara','Émile','Farah','Giulia','Hana','Ivan','Jonas','Kemi'])[1 + g % 11]
              || ' ' || (ARRAY['Okafor','Lindqvist','Nguyễn','Kowalski','Çelik','Müller','Rossi','Tanaka',
                               'Walsh','Haddad','Silva','Novak','Byrne'])[1 + g % 13] || ' ' || g,
            date '1950-01-01' + (g * 37) % 18000,
            'client' || g || '@bench.test',
            (ARRAY['prospect','active','active','active','paused','discharged'])[1 + g % 6]::client_status,
            $2,
            $3::date - (g * 3) % 1000
       FROM generate_series(1, $4::int) AS g`,
    [clinicId, therapistId, today, CASELOAD - 2],
  );
  return { clinicId, therapistId, clientId, partnerId, adminId, today, passwordHash };
}

/** A small deterministic generator, so every run seeds the same scores. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** Answers to a definition's rated items that add up to `total` (as the demo seed builds them). */
export function answersTotalling(definition: InstrumentDefinition, total: number): Answers {
  const items = definition.items.flatMap((item) =>
    item.kind === 'scale' && !item.unscored ? [item] : [],
  );
  const answers: Answers = {};
  let left = total;
  items.forEach((item, index) => {
    const max = Math.max(...(definition.scales[item.scale] ?? []).map((option) => option.value));
    const share = Math.min(max, Math.ceil(left / (items.length - index)));
    answers[item.id] = share;
    left -= share;
  });
  return answers;
}

/** From `start` to `end` over the weeks of care, with some noise: a course that improves. */
const COURSES: Record<string, [number, number, number]> = {
  'PHQ-9': [20, 6, 3],
  'GAD-7': [16, 5, 3],
  'PCL-5': [58, 22, 8],
};

/** Three years of weekly care for the client (and the partner's check-ins). */
export async function seedHistory(db: Client, api: BuiltApi, people: People): Promise<void> {
  const { clinicId, therapistId, clientId, partnerId, today } = people;
  const start = addDays(today, -WEEKS * 7);

  // Weekly sessions, every fourth one with the partner; a few cancelled or missed.
  await db.query(
    `INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id,
                               partner_client_id, cancelled_at, cancelled_by, cancel_reason,
                               late_cancellation, created_by, created_at)
     SELECT $1, $2, CASE WHEN w % 4 = 0 THEN 'couples' ELSE 'session' END::appointment_kind,
            CASE WHEN w % 23 = 0 THEN 'cancelled' WHEN w % 37 = 0 THEN 'no_show' ELSE 'completed' END::appointment_status,
            s, s + interval '50 minutes', $3, CASE WHEN w % 4 = 0 THEN $4::uuid END,
            CASE WHEN w % 23 = 0 THEN s - interval '20 hours' END,
            CASE WHEN w % 23 = 0 THEN $2::uuid END,
            CASE WHEN w % 23 = 0 THEN 'Unwell' END,
            w % 46 = 0, $2, s - interval '7 days'
       FROM generate_series(1, $6::int + 6) AS w,
            LATERAL (SELECT (($5::date - w * 7)::timestamp + time '10:00') AT TIME ZONE 'America/Chicago' AS s) AS t`,
    [clinicId, therapistId, clientId, partnerId, today, WEEKS],
  );

  // PHQ-9, GAD-7 and PCL-5 every week, scored by the same code as the API; Trust Patterns twice.
  const next = random(2026);
  const rows: object[] = [];
  const add = (code: string, on: string, answers: Answers) => {
    const definition = api.findInstrument(code);
    if (!definition) throw new Error(`bench seed: no instrument ${code}`);
    const score = api.scoreAnswers(definition, answers);
    rows.push({
      code,
      version: definition.version,
      answers,
      result: api.toResult(definition, score),
      total: score.total,
      index_event: definition.asksIndexEvent
        ? { description: 'Discovering the affair', occurredOn: addDays(start, -20) }
        : null,
      at: `${on}T16:00:00Z`,
    });
  };
  for (let week = 0; week < WEEKS; week++) {
    const on = addDays(start, week * 7);
    for (const [code, [from, to, noise]] of Object.entries(COURSES)) {
      const definition = api.findInstrument(code);
      const max = definition?.total?.max ?? to;
      const trend = from + ((to - from) * week) / (WEEKS - 1);
      const total = Math.max(0, Math.min(max, Math.round(trend + (next() - 0.5) * 2 * noise)));
      add(code, on, answersTotalling(definition as InstrumentDefinition, total));
    }
  }
  const tpi = (values: number[]) =>
    Object.fromEntries(values.map((value, index) => [`tpi-${index + 1}`, value]));
  add('TPI', start, tpi([3, 3, 4, 3, 2, 1, 4, 3, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 4, 3, 3]));
  add(
    'TPI',
    addDays(today, -7),
    tpi([2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 1, 1, 1, 2, 2, 1]),
  );
  const assessments = await db.query<{ id: string; answers: Answers; completed_at: Date }>(
    `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                              answers, index_event, result, total, created_by, created_at, updated_at,
                              completed_at, completed_by)
     SELECT $1, $2, r.code, r.version, 'in_session', 'completed', r.answers, r.index_event, r.result,
            r.total, $3, r.at, r.at, r.at, $3
       FROM jsonb_to_recordset($4::jsonb)
            AS r(code text, version text, answers jsonb, index_event jsonb, result jsonb, total numeric, at timestamptz)
     RETURNING id, answers, completed_at`,
    [clinicId, clientId, therapistId, JSON.stringify(rows)],
  );

  // Two risk flags on PHQ-9 item 9: one acknowledged long ago, one still open.
  const phq9 = assessments.rows.filter((row) => Number(row.answers['phq9-9'] ?? 0) > 0);
  for (const [index, row] of [phq9[3], phq9[phq9.length - 1]].entries()) {
    if (!row) continue;
    await db.query(
      `INSERT INTO risk_flags (clinic_id, client_id, assessment_id, rule_id, item_id, value, raised_at,
                               acknowledged_at, acknowledged_by, acknowledgement_note)
       VALUES ($1, $2, $3, 'phq9-item9', 'phq9-9', $4, $5, $6, $7, $8)`,
      index === 0
        ? [
            clinicId,
            clientId,
            row.id,
            row.answers['phq9-9'],
            row.completed_at,
            row.completed_at,
            therapistId,
            'Safety plan reviewed in session.',
          ]
        : [clinicId, clientId, row.id, row.answers['phq9-9'], row.completed_at, null, null, null],
    );
  }

  await db.query(
    `INSERT INTO client_timeline_events (clinic_id, client_id, kind, label, occurred_on, created_by)
     VALUES ($4, $1, 'discovery', NULL, $3::date - 20, $2), ($4, $1, 'formal_disclosure', NULL, $3::date + 120, $2),
            ($4, $1, 'couples_work_started', NULL, $3::date + 150, $2),
            ($4, $1, 'relapse_or_new_discovery', NULL, $3::date + 500, $2),
            ($4, $1, 'other', 'Moved back home', $3::date + 800, $2)`,
    [clientId, therapistId, start, clinicId],
  );

  await seedHomework(db, people, start);
}

/**
 * About 1,000 entries: the daily repair check-in for two years (client) and ten months (partner),
 * a weekly journal over the whole three years, and a few one-off tasks.
 */
async function seedHomework(db: Client, people: People, start: string): Promise<void> {
  const { clinicId, therapistId, clientId, partnerId, today } = people;
  const template = async (key: string) =>
    (
      (
        await db.query<{ id: string; instructions: string }>(
          `SELECT id, instructions FROM homework_templates WHERE clinic_id = $1 AND library_key = $2`,
          [clinicId, key],
        )
      ).rows[0] ?? fail(`bench seed: no homework template ${key} (was the library created?)`)
    ).id;
  const assign = async (
    forClient: string,
    key: string,
    frequency: string,
    from: string,
    to: string,
  ) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO homework_assignments (clinic_id, client_id, template_id, instructions, frequency,
                                             starts_on, ends_on, created_by, created_at)
           SELECT $1, $2, t.id, t.instructions, $3::homework_frequency, $4, $5, $6, $4::date
             FROM homework_templates t WHERE t.id = $7 RETURNING id`,
        [clinicId, forClient, frequency, from, to, therapistId, await template(key)],
      )
    ).rows[0].id;

  const checkIn = await assign(
    clientId,
    'daily-repair-check-in',
    'daily',
    addDays(today, -730),
    addDays(today, 14),
  );
  const partnerCheckIn = await assign(
    partnerId,
    'daily-repair-check-in',
    'daily',
    addDays(today, -300),
    addDays(today, 14),
  );
  await db.query(`UPDATE homework_assignments SET partner_assignment_id = $2 WHERE id = $1`, [
    checkIn,
    partnerCheckIn,
  ]);
  await db.query(`UPDATE homework_assignments SET partner_assignment_id = $1 WHERE id = $2`, [
    checkIn,
    partnerCheckIn,
  ]);

  // Daily check-ins on most days (not every one), felt safety rising over the period.
  const dailyEntries = `
    INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on, answers, created_at, updated_at)
    SELECT $1, $2, $3, d::date,
           jsonb_build_object(
             'feltSafety', least(10, greatest(0, $6::int + round(n * $7::numeric) + (n % 3) - 1)),
             'promisesKept', (ARRAY['all','all','all','some','none','no_promises'])[1 + (n * 7) % 6],
             'gutSense', (ARRAY['settled','uneasy','alarmed','unsure'])[1 + (n * 5) % 4]),
           d + interval '1 day 3 hours', d + interval '1 day 3 hours'
      FROM generate_series($4::date, $5::date, interval '1 day') WITH ORDINALITY AS s(d, n)
     WHERE n % 8 <> 5`;
  await db.query(dailyEntries, [
    clinicId,
    checkIn,
    clientId,
    addDays(today, -730),
    addDays(today, -1),
    2,
    0.008,
  ]);
  await db.query(dailyEntries, [
    clinicId,
    partnerCheckIn,
    partnerId,
    addDays(today, -300),
    addDays(today, -1),
    5,
    0.01,
  ]);

  // A weekly journal since the start, most weeks written, one in ten kept private.
  const journal = await assign(clientId, 'intuition-or-alarm', 'weekly', start, addDays(today, 7));
  await db.query(
    `INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on, note, private, created_at, updated_at)
     SELECT $1, $2, $3, $4::date + 7 * w,
            'Week ' || w || ': a loud feeling after a late message; I asked one question instead of checking.',
            w % 10 = 0, ($4::date + 7 * w + 2)::timestamp, ($4::date + 7 * w + 2)::timestamp
       FROM generate_series(0, $5::int - 1) AS w
      WHERE w % 5 <> 3`,
    [clinicId, journal, clientId, start, WEEKS],
  );

  for (const [key, from, to] of [
    ['self-compassion-letter', -400, -393],
    ['ask-for-support', -200, -190],
    ['small-promise', -60, -50],
  ] as const) {
    const task = await assign(clientId, key, 'once', addDays(today, from), addDays(today, to));
    await db.query(
      `INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on, note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'Done, and we talked about it.', $4::date + 1, $4::date + 1)`,
      [clinicId, task, clientId, addDays(today, from)],
    );
  }
}

/** A few questionnaires overdue across the caseload, for the therapist's home. */
export async function seedCaseloadAttention(db: Client, people: People): Promise<void> {
  await db.query(
    `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                              answers, due_on, created_by)
     SELECT $1, c.id, 'GAD-7', '1', 'portal', 'in_progress', '{}'::jsonb, $3::date - 3, $2
       FROM clients c
      WHERE c.primary_therapist_id = $2 AND c.status = 'active' AND c.id <> $4
      ORDER BY c.legal_name LIMIT 20`,
    [people.clinicId, people.therapistId, people.today, people.clientId],
  );
}

function fail(message: string): never {
  throw new Error(message);
}
