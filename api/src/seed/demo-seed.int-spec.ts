import type {
  AccessTokenResponse,
  CaseloadAttention,
  ClientSummary,
  HomeworkAssignment,
  MeasureSeries,
  MyHomework,
  NoteDetail,
  NoteListItem,
  Page,
  SafetyOverview,
} from '@cairn/contracts';
import { as, signIn } from '../../test/factories';
import { PasswordHasher } from '../auth/password-hasher';
import { FieldCipher } from '../crypto/field-cipher';
import { createTestApp, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo-seed';

describe('Demo data', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  const count = async (table: string) =>
    Number(
      (await test.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]?.n,
    );

  it('seeds the demo clinic once, with sign-ins that work and a client file with measures', async () => {
    const hasher = test.app.get(PasswordHasher);
    const cipher = test.app.get(FieldCipher);
    expect(await seedDemoData(test.dataSource, hasher, cipher)).toBe(true);
    const counts = {
      users: await count('users'),
      clients: await count('clients'),
      assessments: await count('assessments'),
      appointments: await count('appointments'),
      weeklyHours: await count('therapist_weekly_hours'),
    };
    expect(counts.users).toBe(DEMO_USERS.length);
    expect(counts.clients).toBeGreaterThanOrEqual(9);
    expect(counts.assessments).toBeGreaterThanOrEqual(14);
    expect(counts.appointments).toBeGreaterThanOrEqual(30);
    expect(counts.weeklyHours).toBeGreaterThanOrEqual(9);

    expect(await seedDemoData(test.dataSource, hasher, cipher)).toBe(false);
    expect(await count('clients')).toBe(counts.clients);

    for (const user of DEMO_USERS) {
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: DEMO_PASSWORD })
        .expect(200);
    }
  });

  it('gives the demo therapist signed notes that verify, a private note and a late draft to finish', async () => {
    const { token } = await signIn(test, 'therapist@demo.clinic', DEMO_PASSWORD);
    const caseload = (await as(test, token).get('/api/clients?q=Jordan').expect(200))
      .body as Page<ClientSummary>;
    const jordan = caseload.items.find((client) => client.legalName === 'Jordan Rivera');
    if (!jordan) throw new Error('Jordan Rivera is not on the demo caseload');
    const notes = (await as(test, token).get(`/api/clients/${jordan.id}/notes`).expect(200))
      .body as NoteListItem[];
    expect(notes.map((note) => [note.templateCode, note.status, note.late])).toEqual(
      expect.arrayContaining([
        ['intake', 'signed', false],
        ['bt_progress', 'draft', true],
        ['process', 'draft', false],
      ]),
    );
    for (const note of notes.filter((item) => item.status === 'signed')) {
      const detail = (await as(test, token).get(`/api/notes/${note.id}`).expect(200))
        .body as NoteDetail;
      expect(detail.integrity).toBe('intact');
    }
    expect(notes.some((note) => note.addendumCount === 1)).toBe(true);
    const home = (await as(test, token).get('/api/dashboard/caseload').expect(200))
      .body as CaseloadAttention;
    // Jordan's draft, late, and Zoë's last session, which has no note at all.
    expect(home.lateNotes.map((note) => [note.clientName, note.noteMissing]).sort()).toEqual([
      ['Jordan Rivera', false],
      ['Zoë Lambert', true],
    ]);
    // Priya's open flag, and a draft that says "no risk" over it.
    expect(home.openRiskFlags.map((flag) => flag.clientName)).toEqual(['Priya Nair']);
  });

  it('shows the new clinical safety: versions, self-trust, a decided safety review, a reading', async () => {
    const { token } = await signIn(test, 'therapist@demo.clinic', DEMO_PASSWORD);
    const [jordan] = await test.dataSource.query<{ id: string }[]>(
      `SELECT id FROM clients WHERE legal_name = 'Jordan Rivera'`,
    );
    const series = (await as(test, token).get(`/api/clients/${jordan?.id}/measures`).expect(200))
      .body as MeasureSeries[];
    expect(
      series.find((one) => one.instrumentCode === 'TPI')?.points.map((p) => p.version),
    ).toEqual(['1', '2']);
    const selfTrust = series.find((one) => one.instrumentCode === 'SELF-TRUST');
    expect(selfTrust?.points.at(-1)?.fromBaseline?.delta).toBeGreaterThan(0);
    const safety = (await as(test, token).get(`/api/clients/${jordan?.id}/safety`).expect(200))
      .body as SafetyOverview;
    expect(safety.conjoint.bookable).toBe(true);
    expect(safety.reviews.map((review) => review.decision)).toEqual(['proceed_with_safeguards']);
    const client = (await signIn(test, 'client@demo.clinic', DEMO_PASSWORD)).token;
    const portal = (await as(test, client).get('/api/me/homework').expect(200)).body as MyHomework;
    expect(portal.assignments.map((a) => a.kind)).toContain('reading');
  });

  it('gives Jordan homework to do today and something overdue, and the therapist three weeks of check-ins for both partners', async () => {
    const login = async (email: string) =>
      (
        (
          await test.http
            .post('/api/auth/login')
            .send({ email, password: DEMO_PASSWORD })
            .expect(200)
        ).body as AccessTokenResponse
      ).accessToken;
    const portal = (
      await test.http
        .get('/api/me/homework')
        .auth(await login('client@demo.clinic'), { type: 'bearer' })
        .expect(200)
    ).body as MyHomework;
    const checkIn = portal.assignments.find((a) => a.kind === 'check_in');
    expect(checkIn?.current?.entry).toBeNull();
    expect(checkIn?.entries.length).toBeGreaterThan(10);
    expect(portal.assignments.some((a) => a.overdue.length > 0)).toBe(true);

    const therapist = await login('therapist@demo.clinic');
    const clients = await test.dataSource.query<{ id: string; legal_name: string }[]>(
      `SELECT id, legal_name FROM clients WHERE legal_name IN ('Jordan Rivera', 'Alexander Rivera')`,
    );
    for (const client of clients) {
      const list = (
        await test.http
          .get(`/api/clients/${client.id}/homework`)
          .auth(therapist, { type: 'bearer' })
          .expect(200)
      ).body as HomeworkAssignment[];
      const daily = list.find((a) => a.kind === 'check_in');
      expect(daily?.partnerAssignmentId).toEqual(expect.any(String));
      expect(daily?.adherence.expected).toBe(20);
      expect(daily?.adherence.done).toBeGreaterThanOrEqual(15);
    }
  });
});
