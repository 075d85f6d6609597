import {
  addDays,
  todayIn,
  type CaseloadAttention,
  type HomeworkTemplate,
  type NoteDetail,
} from '@cairn/contracts';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const phq9 = (total: number) =>
  Object.fromEntries(
    Array.from({ length: 9 }, (_, index) => [
      `phq9-${index + 1}`,
      Math.min(3, Math.max(0, total - index * 3)),
    ]),
  );

/**
 * The home reads per-client alert facts that writes keep up to date: a score, a homework entry, a
 * signed note show on (or leave) the home at once, a new clinic day recomputes follow-through
 * with no write, and the facts kept write by write equal the facts computed from scratch.
 */
describe('Alert facts behind the therapist’s home', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let token: string;
  let task: HomeworkTemplate;
  const today = todayIn('America/Chicago');

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, therapist.email)).token;
    const templates = (await as(test, token).get('/api/homework-templates').expect(200))
      .body as HomeworkTemplate[];
    task = templates.find((template) => template.kind === 'task') as HomeworkTemplate;
  });
  afterAll(() => test.close());

  const mine = () => as(test, token);
  const home = async () =>
    (await mine().get('/api/dashboard/caseload').expect(200)).body as CaseloadAttention;
  const mineClient = (overrides: Partial<Client> = {}) =>
    createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id, ...overrides });

  async function score(client: Client, total: number): Promise<void> {
    const created = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as { id: string };
    await mine()
      .put(`/api/assessments/${created.id}/answers`)
      .send({ answers: phq9(total) })
      .expect(200);
    await mine().post(`/api/assessments/${created.id}/complete`).expect(200);
  }

  async function assignDaily(client: Client, startsOn: string): Promise<string> {
    return (
      (
        await mine()
          .post(`/api/clients/${client.id}/homework`)
          .send({ templateId: task.id, frequency: 'daily', startsOn, endsOn: addDays(today, 10) })
          .expect(201)
      ).body as { id: string }
    ).id;
  }

  it('lists reliable deterioration as soon as the worse score is completed', async () => {
    const client = await mineClient({ legalName: 'Rising Rae' });
    await score(client, 5);
    expect((await home()).deteriorating.map((alert) => alert.clientId)).not.toContain(client.id);
    await score(client, 16);
    expect((await home()).deteriorating).toContainEqual(
      expect.objectContaining({ clientId: client.id, instrumentCode: 'PHQ-9', delta: 11 }),
    );
    // Back near the baseline: reliably worse no more.
    await score(client, 6);
    expect((await home()).deteriorating.map((alert) => alert.clientId)).not.toContain(client.id);
  });

  it('clears low follow-through when the client does the homework', async () => {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await mineClient({ legalName: 'Busy Bex', portalUserId: portalUser.id });
    const portal = (await signIn(test, portalUser.email)).token;
    const assignment = await assignDaily(client, addDays(today, -4));
    expect((await home()).lowAdherence).toContainEqual({
      clientId: client.id,
      clientName: 'Busy Bex',
      done: 0,
      expected: 4,
    });
    for (let day = -4; day <= -2; day++)
      await as(test, portal)
        .post(`/api/me/homework/${assignment}/entries`)
        .send({ occursOn: addDays(today, day) })
        .expect(201);
    expect((await home()).lowAdherence.map((alert) => alert.clientId)).not.toContain(client.id);
  });

  it('recomputes follow-through on a new clinic day, with no write', async () => {
    const client = await mineClient({ legalName: 'Drifting Dev' });
    await assignDaily(client, addDays(today, -5));
    await home();
    // As the facts stood yesterday: too little expected yet to say anything.
    await test.dataSource.query(
      `UPDATE client_alert_facts SET homework_done = 0, homework_expected = 2,
              computed_on = $2::date - 1, refresh_on = $2::date WHERE client_id = $1`,
      [client.id, today],
    );
    expect((await home()).lowAdherence).toContainEqual(
      expect.objectContaining({ clientId: client.id, done: 0, expected: 5 }),
    );
    const [facts] = await test.dataSource.query<{ computed_on: string; refresh_on: string }[]>(
      `SELECT computed_on::text, refresh_on::text FROM client_alert_facts WHERE client_id = $1`,
      [client.id],
    );
    expect(facts).toEqual({ computed_on: today, refresh_on: addDays(today, 1) });
  });

  it('drops a late note from the home once it is signed', async () => {
    const client = await mineClient({ legalName: 'Late Lou' });
    const note = (
      await mine()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: new Date(Date.now() - 80 * 3_600_000).toISOString(),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content: {
            subjective: 'Talked about the week.',
            risk: { level: 'none' },
            plan: 'Weekly.',
          },
        })
        .expect(201)
    ).body as NoteDetail;
    expect((await home()).lateNotes.map((late) => late.id)).toContain(note.id);
    await mine()
      .post(`/api/notes/${note.id}/sign`)
      .send({ version: note.version, password: TEST_PASSWORD })
      .expect(200);
    expect((await home()).lateNotes.map((late) => late.id)).not.toContain(note.id);
  });

  it('follows a discharge and a reassignment without recomputing anything', async () => {
    const client = await mineClient({ legalName: 'Moving Mo' });
    await score(client, 4);
    await score(client, 17);
    const listed = async () =>
      (await home()).deteriorating.some((alert) => alert.clientId === client.id);
    expect(await listed()).toBe(true);
    await test.dataSource.query(`UPDATE clients SET status = 'discharged' WHERE id = $1`, [
      client.id,
    ]);
    expect(await listed()).toBe(false);
    const colleague = await createUser(test.dataSource, clinic, 'therapist');
    await test.dataSource.query(
      `UPDATE clients SET status = 'active', primary_therapist_id = $2 WHERE id = $1`,
      [client.id, colleague.id],
    );
    expect(await listed()).toBe(false);
    const theirs = (await signIn(test, colleague.email)).token;
    const attention = (await as(test, theirs).get('/api/dashboard/caseload').expect(200))
      .body as CaseloadAttention;
    expect(attention.deteriorating.map((alert) => alert.clientId)).toEqual([client.id]);
  });

  it('keeps, write by write, the same alerts a from-scratch computation gives on a seeded caseload', async () => {
    const seeded = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO clients (clinic_id, legal_name, status, primary_therapist_id)
       SELECT $1, 'Seeded ' || lpad(n::text, 3, '0'), (ARRAY['active','active','paused','discharged'])[1 + n % 4]::client_status, $2
         FROM generate_series(1, 120) n RETURNING id`,
      [clinic.id, therapist.id],
    );
    const ids = seeded.map((row) => row.id);
    // One scored PHQ-9 taken through the API, copied with other totals: the same result shape.
    const model = await mineClient();
    await score(model, 8);
    const copyScores = (clients: string[], offsetDays: number, totalSql: string) =>
      test.dataSource.query(
        `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                                  answers, result, total, created_by, created_at, updated_at, completed_at, completed_by)
         SELECT m.clinic_id, c.id, m.instrument_code, m.instrument_version, m.mode, 'completed', m.answers,
                m.result, ${totalSql}, m.created_by, now() + make_interval(days => $3), now() + make_interval(days => $3),
                now() + make_interval(days => $3), m.completed_by
           FROM assessments m, unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)
          WHERE m.client_id = $1`,
        [model.id, clients, offsetDays],
      );
    const copyHomework = (clients: string[], startsOn: string, everyNth: number) =>
      test.dataSource.query(
        `WITH a AS (
           INSERT INTO homework_assignments (clinic_id, client_id, template_id, instructions, frequency,
                                             starts_on, ends_on, created_by)
           SELECT $1, c, $3, 'Each day.', 'daily', $4::date, $5::date, $6 FROM unnest($2::uuid[]) c
           RETURNING id, client_id)
         INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on)
         SELECT $1, a.id, a.client_id, d::date
           FROM a, generate_series($4::date, $7::date, interval '1 day') WITH ORDINALITY AS s(d, k)
          WHERE (k + abs(hashtext(a.client_id::text))) % $8 = 0`,
        [
          clinic.id,
          clients,
          task.id,
          startsOn,
          addDays(today, 20),
          therapist.id,
          addDays(today, -1),
          everyNth,
        ],
      );
    await copyScores(ids, -60, '(2 + (c.n * 7) % 9)');
    await copyScores(ids.slice(0, 80), -30, '(c.n * 11) % 25');
    await copyHomework(ids.slice(40, 100), addDays(today, -20), 3);
    const first = await home();

    // More writes after the facts were computed, by SQL (no service involved) and by the API.
    await copyScores(ids.slice(60, 120), -1, '(c.n * 5) % 27');
    await copyHomework(ids.slice(0, 30), addDays(today, -12), 1);
    await copyHomework(ids.slice(90, 120), addDays(today, -9), 4);
    await test.dataSource.query(
      `UPDATE homework_assignments SET closed_on = $2::date, closed_at = now(), closed_by = $3
        WHERE client_id = ANY($1::uuid[])`,
      [ids.slice(40, 55), addDays(today, -10), therapist.id],
    );
    const client = await mineClient({ legalName: 'Seeded 000' });
    await score(client, 3);
    await score(client, 19);
    const kept = await home();

    await test.dataSource.query(
      `UPDATE client_alert_facts SET refresh_on = '-infinity', deteriorating = '[]', homework_done = 0, homework_expected = 0`,
    );
    const fromScratch = await home();
    expect(kept).toEqual(fromScratch);
    expect(kept).not.toEqual(first);
    expect(
      kept.deteriorating.filter((a) => a.clientName.startsWith('Seeded')).length,
    ).toBeGreaterThan(5);
    expect(
      kept.lowAdherence.filter((a) => a.clientName.startsWith('Seeded')).length,
    ).toBeGreaterThan(5);
    // Only clients with something to show are read: the rest have no facts row at all, or one
    // the attention index leaves out.
    const [{ shown }] = await test.dataSource.query<{ shown: number }[]>(
      `SELECT count(*)::int AS shown FROM client_alert_facts f
        WHERE f.clinic_id = $1 AND (f.deteriorating <> '[]'::jsonb OR (f.homework_expected >= 3 AND f.homework_done < 0.5 * f.homework_expected))`,
      [clinic.id],
    );
    expect(shown).toBeLessThan(ids.length);
  });
});
