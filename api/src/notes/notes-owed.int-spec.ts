import type {
  ApiErrorBody,
  AssessmentDetail,
  CaseloadAttention,
  MissingNote,
  NoteContent,
  NoteDetail,
  NoteSummary,
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
import { undocumentedAsOf } from './late-notes.service';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const HOURS = 60 * 60 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOURS).toISOString();

const content = (level: 'none' | 'low'): NoteContent => ({
  subjective: 'Client reports a hard week after a reminder of the discovery.',
  risk: { level },
  plan: 'Weekly sessions.',
});

/** No "no risk" over an open flag, and notes owed for sessions that have none. */
describe('Notes owed and risk over an open flag', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let token: string;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, therapist.email)).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
  });
  afterAll(() => test.close());

  const mine = () => as(test, token);

  async function soapDraft(client: Client, level: 'none' | 'low'): Promise<NoteDetail> {
    return (
      await mine()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: hoursAgo(1),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content: content(level),
        })
        .expect(201)
    ).body as NoteDetail;
  }

  const sign = (note: NoteDetail) =>
    mine()
      .post(`/api/notes/${note.id}/sign`)
      .send({ version: note.version, password: TEST_PASSWORD });

  async function flagFor(client: Client): Promise<string> {
    const created = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as AssessmentDetail;
    await mine()
      .put(`/api/assessments/${created.id}/answers`)
      .send({ answers: { 'phq9-9': 1 } })
      .expect(200);
    return created.id;
  }

  describe('signing over an open risk flag', () => {
    it('refuses "None identified" with a 409 that says why, and allows it after acknowledgement', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const assessmentId = await flagFor(client);
      const note = await soapDraft(client, 'none');

      const refused = await sign(note).expect(409);
      const message = (refused.body as ApiErrorBody).message;
      expect(message).toMatch(/open risk flag/);
      expect(message).toMatch(/None identified/);
      expect(message).toMatch(/acknowledge/);
      const still = (await mine().get(`/api/notes/${note.id}`).expect(200)).body as NoteDetail;
      expect(still.status).toBe('draft');

      await mine()
        .post(`/api/assessments/${assessmentId}/acknowledge-risk`)
        .send({ note: 'Assessed in session: passive thoughts, no plan; safety plan agreed.' })
        .expect(200);
      const signed = (await sign(still).expect(200)).body as NoteDetail;
      expect(signed.status).toBe('signed');
    });

    it('lets a note that records the risk assessed be signed while the flag is open', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await flagFor(client);
      const note = await soapDraft(client, 'low');
      expect(((await sign(note).expect(200)).body as NoteDetail).status).toBe('signed');
    });

    it('leaves notes signed before the flag untouched', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const before = (await sign(await soapDraft(client, 'none')).expect(200)).body as NoteDetail;
      await flagFor(client);
      const reread = (await mine().get(`/api/notes/${before.id}`).expect(200)).body as NoteDetail;
      expect(reread).toMatchObject({ status: 'signed', integrity: 'intact' });
      expect(reread.content['risk']).toEqual({ level: 'none' });
    });
  });

  describe('a completed session with no note at all', () => {
    async function completedSession(client: Client, startsHoursAgo: number): Promise<string> {
      const [row] = await test.dataSource.query<{ id: string }[]>(
        `INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id, created_by)
         VALUES ($1, $2, 'session', 'completed', $3, $3::timestamptz + interval '50 minutes', $4, $2)
         RETURNING id`,
        [clinic.id, therapist.id, hoursAgo(startsHoursAgo), client.id],
      );
      return row?.id ?? '';
    }

    it('counts as late on the chart, on the therapist’s home and in the admin’s view', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        legalName: 'Owed Olive',
      });
      const owed = await completedSession(client, 100);
      await completedSession(client, 24); // not yet late
      const documented = await completedSession(client, 200);
      await mine()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: hoursAgo(200),
          durationMinutes: 50,
          serviceType: 'individual_45',
          appointmentId: documented,
          content: content('low'),
        })
        .expect(201);

      const chart = (await mine().get(`/api/clients/${client.id}/missing-notes`).expect(200))
        .body as MissingNote[];
      expect(chart.map((item) => item.appointmentId)).toEqual([owed]);
      expect(chart[0]?.therapist.id).toBe(therapist.id);

      const admin = (
        await as(test, adminToken).get(`/api/clients/${client.id}/missing-notes`).expect(200)
      ).body as MissingNote[];
      expect(admin.map((item) => item.appointmentId)).toEqual([owed]);
      // The admin's notes list shows the documented session's (draft, late) note as before.
      const list = (await as(test, adminToken).get(`/api/clients/${client.id}/notes`).expect(200))
        .body as NoteSummary[];
      expect(list.map((note) => note.late)).toEqual([true]);

      const home = (await mine().get('/api/dashboard/caseload').expect(200))
        .body as CaseloadAttention;
      const late = home.lateNotes.filter((note) => note.clientId === client.id);
      expect(late).toEqual([
        expect.objectContaining({ noteMissing: false }),
        expect.objectContaining({
          noteMissing: true,
          appointmentId: owed,
          clientName: 'Owed Olive',
        }),
      ]);
    });

    it('is no longer owed once a note is written, even one not linked to the appointment', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await completedSession(client, 300);
      await mine()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: hoursAgo(299.5),
          durationMinutes: 50,
          serviceType: 'individual_45',
          content: content('low'),
        })
        .expect(201);
      const chart = (await mine().get(`/api/clients/${client.id}/missing-notes`).expect(200))
        .body as MissingNote[];
      expect(chart).toEqual([]);
    });

    it('is owed again when the unlinked note that documented it moves to another day', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const session = await completedSession(client, 400);
      const note = (
        await mine()
          .post(`/api/clients/${client.id}/notes`)
          .send({
            templateCode: 'soap',
            sessionAt: hoursAgo(399.5),
            durationMinutes: 50,
            serviceType: 'individual_45',
            content: content('low'),
          })
          .expect(201)
      ).body as NoteDetail;
      const owedOnHome = async () =>
        (
          (await mine().get('/api/dashboard/caseload').expect(200)).body as CaseloadAttention
        ).lateNotes.some((late) => late.appointmentId === session);
      expect(await owedOnHome()).toBe(false);
      // Any write path (here plain SQL) keeps the appointment's documented flag right.
      await test.dataSource.query(
        `UPDATE session_notes SET session_at = session_at - interval '2 days' WHERE id = $1`,
        [note.id],
      );
      expect(await owedOnHome()).toBe(true);
    });

    it("reads the therapist's owed sessions off a partial index, not their whole history", async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      // Two thousand documented sessions: history the home must not walk through.
      await test.dataSource.query(
        `WITH a AS (
           INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id, created_by)
           SELECT $1, $2, 'session', 'completed', t, t + interval '50 minutes', $3, $2
             FROM generate_series(now() - interval '6000 days', now() - interval '4000 days', interval '1 day') t
           RETURNING id, starts_at)
         INSERT INTO session_notes (id, clinic_id, client_id, author_id, kind, template_code, service_type,
                                    session_at, duration_minutes, content_key_id, content_sealed, appointment_id)
         SELECT gen_random_uuid(), $1, $3, $2, 'progress', 'soap', 'individual_45', a.starts_at, 50, 'k1', '\\x00', a.id
           FROM a`,
        [clinic.id, therapist.id, client.id],
      );
      const [{ documented }] = await test.dataSource.query<{ documented: number }[]>(
        `SELECT count(*)::int AS documented FROM appointments WHERE client_id = $1 AND documented`,
        [client.id],
      );
      expect(documented).toBe(2001);
      await test.dataSource.query('ANALYZE appointments');
      const [plan] = await test.dataSource.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (FORMAT JSON) SELECT a.id FROM appointments a
          WHERE a.therapist_id = $1 AND ${undocumentedAsOf('now()', '72')}`,
        [therapist.id],
      );
      expect(JSON.stringify(plan)).toContain('appointments_note_owed_idx');
    });

    it('is out of reach of another therapist (404)', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const other = await createUser(test.dataSource, clinic, 'therapist');
      const otherToken = (await signIn(test, other.email)).token;
      await as(test, otherToken).get(`/api/clients/${client.id}/missing-notes`).expect(404);
    });
  });
});
