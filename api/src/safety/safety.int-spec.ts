import {
  addDays,
  todayIn,
  zonedTimeToInstant,
  type ApiErrorBody,
  type ClientProgress,
  type MySafetyScreen,
  type ReportDetail,
  type SafetyAdminStatus,
  type SafetyOverview,
  type SafetyScreenResultView,
} from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { binary, pdfText } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const TZ = 'America/Chicago';
const ALL_NO = {
  physical: 'no',
  fear: 'no',
  threats: 'no',
  monitoring: 'no',
  money: 'no',
  movement: 'no',
  sexual: 'no',
  weapons: 'no',
  conjoint: 'no',
};
const SECRET = 'He took my car keys on Friday.';
const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

interface Partner {
  client: Client;
  token: string;
}

/**
 * Safety before conjoint work: each partner's screen is private to them and their treating
 * therapist; the review it raises sits on both charts; an admin learns only that it is pending;
 * nothing of it reaches the partner, shared views or release copies; couples sessions wait.
 */
describe('Safety before conjoint work', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let token: string;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { timeZone: TZ });
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, therapist.email)).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
  });
  afterAll(() => test.close());

  const mine = () => as(test, token);
  const admin = () => as(test, adminToken);

  async function partner(treatedBy: User = therapist): Promise<Partner> {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: treatedBy.id,
      portalUserId: portalUser.id,
    });
    return { client, token: (await signIn(test, portalUser.email)).token };
  }

  async function couple(bTreatedBy: User = therapist): Promise<[Partner, Partner]> {
    const a = await partner();
    const b = await partner(bTreatedBy);
    await test.dataSource.query(
      `UPDATE clients SET partner_id = CASE id WHEN $1 THEN $2::uuid ELSE $1::uuid END WHERE id IN ($1, $2)`,
      [a.client.id, b.client.id],
    );
    return [a, b];
  }

  async function portalScreen(who: Partner): Promise<string> {
    const created = await mine()
      .post(`/api/clients/${who.client.id}/safety-screens`)
      .send({ mode: 'portal' })
      .expect(201);
    return (created.body as SafetyScreenResultView).id;
  }

  async function inSession(who: Client, answers: Record<string, string>): Promise<void> {
    const created = (
      await mine()
        .post(`/api/clients/${who.id}/safety-screens`)
        .send({ mode: 'in_session' })
        .expect(201)
    ).body as SafetyScreenResultView;
    await mine().put(`/api/safety-screens/${created.id}/answers`).send({ answers }).expect(200);
    await mine().post(`/api/safety-screens/${created.id}/complete`).expect(200);
  }

  const overview = async (clientId: string, as_ = mine()) =>
    (await as_.get(`/api/clients/${clientId}/safety`).expect(200)).body as SafetyOverview;

  const couplesSession = (a: Client, b: Client, days = 3) => {
    const start = zonedTimeToInstant(addDays(todayIn(TZ), days), '10:00', TZ);
    return admin()
      .post('/api/appointments')
      .send({
        therapistId: therapist.id,
        kind: 'couples',
        start: start.toISOString(),
        end: new Date(start.getTime() + 80 * 60_000).toISOString(),
        clientIds: [a.id, b.id],
        overrideReason: 'Test booking outside set hours',
      });
  };

  it('lets a partner answer alone in their portal; a concerning answer puts a review on both charts at once', async () => {
    const [a, b] = await couple();
    const id = await portalScreen(a);
    const saved = (
      await as(test, a.token)
        .put(`/api/me/safety-screens/${id}/answers`)
        .send({ answers: { physical: 'yes' } })
        .expect(200)
    ).body as MySafetyScreen;
    // The client sees their answers and help, never what the rules made of them.
    expect(saved.answers).toEqual({ physical: 'yes' });
    expect(saved.support.resources.length).toBeGreaterThan(0);
    expect(Object.keys(saved)).not.toContain('needsReview');
    expect(JSON.stringify(saved)).not.toMatch(/urgent|concern/i);

    for (const clientId of [a.client.id, b.client.id]) {
      const chart = await overview(clientId);
      expect(chart.reviews.map((review) => review.status)).toEqual(['pending']);
      expect(chart.conjoint.bookable).toBe(false);
    }
    const aChart = await overview(a.client.id);
    expect(aChart.screens[0]).toMatchObject({ needsReview: true, urgent: true });
    expect(aChart.reviews[0]?.fromScreenOf).toEqual({ clientId: a.client.id, screenId: id });
    // On the partner's chart, their own screens only: none.
    const bChart = await overview(b.client.id);
    expect(bChart.screens).toEqual([]);
    expect(bChart.partnerScreened).toBe(false);
  });

  it('never shows a screen to the other partner', async () => {
    const [a, b] = await couple();
    const id = await portalScreen(a);
    await as(test, a.token)
      .put(`/api/me/safety-screens/${id}/answers`)
      .send({ answers: { ...ALL_NO, movement: 'yes', anythingElse: SECRET } })
      .expect(200);
    await as(test, a.token).post(`/api/me/safety-screens/${id}/complete`).expect(200);

    const theirs = (await as(test, b.token).get('/api/me/safety-screens').expect(200))
      .body as MySafetyScreen[];
    expect(theirs).toEqual([]);
    await as(test, b.token).get(`/api/me/safety-screens/${id}`).expect(404);
    await as(test, b.token)
      .put(`/api/me/safety-screens/${id}/answers`)
      .send({ answers: { physical: 'no' } })
      .expect(404);
    for (const path of [
      '/api/me',
      '/api/me/assessments',
      '/api/me/homework',
      '/api/me/appointments',
    ]) {
      const body = JSON.stringify((await as(test, b.token).get(path).expect(200)).body);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(id);
    }
    // Therapist-side routes are not the partner's either.
    await as(test, b.token).get(`/api/safety-screens/${id}`).expect(403);
    await as(test, b.token).get(`/api/clients/${a.client.id}/safety`).expect(403);
  });

  it('tells an admin only that a review is pending, never why', async () => {
    const [a, b] = await couple();
    const id = await portalScreen(a);
    await as(test, a.token)
      .put(`/api/me/safety-screens/${id}/answers`)
      .send({ answers: { fear: 'yes', anythingElse: SECRET } })
      .expect(200);

    for (const clientId of [a.client.id, b.client.id]) {
      const status = (await admin().get(`/api/clients/${clientId}/safety`).expect(200))
        .body as SafetyAdminStatus;
      expect(status).toEqual({ clientId, reviewPending: true });
    }
    const detailViews = [
      `/api/clients/${a.client.id}`,
      `/api/clients/${a.client.id}/assessments`,
      `/api/clients/${a.client.id}/notes`,
      `/api/clients/${a.client.id}/missing-notes`,
    ];
    for (const path of detailViews) {
      const body = JSON.stringify((await admin().get(path).expect(200)).body);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(id);
      expect(body).not.toMatch(/fear|safety screen/i);
    }
    await admin().get(`/api/safety-screens/${id}`).expect(403);
    await admin()
      .post(`/api/clients/${a.client.id}/safety/decision`)
      .send({ decision: 'proceed' })
      .expect(403);
  });

  it('keeps the screen out of progress data, the file copy and the release copy', async () => {
    const [a, b] = await couple();
    const id = await portalScreen(a);
    await as(test, a.token)
      .put(`/api/me/safety-screens/${id}/answers`)
      .send({ answers: { ...ALL_NO, money: 'yes', anythingElse: SECRET } })
      .expect(200);
    await as(test, a.token).post(`/api/me/safety-screens/${id}/complete`).expect(200);
    const range = { from: addDays(todayIn(TZ), -30), to: todayIn(TZ) };
    for (const who of [a, b]) {
      const progress = (
        await mine().get(`/api/clients/${who.client.id}/progress`).query(range).expect(200)
      ).body as ClientProgress;
      expect(JSON.stringify(progress)).not.toContain(SECRET);
      expect(JSON.stringify(progress)).not.toMatch(/safety screen|Control of money/i);
    }
    const report = (
      await mine().post(`/api/clients/${a.client.id}/reports`).send(range).expect(201)
    ).body as ReportDetail;
    for (const copy of ['release', 'file']) {
      const pdf = await mine()
        .get(`/api/reports/${report.id}/pdf`)
        .query({ copy })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const { text } = await pdfText(pdf.body as Buffer);
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/safety screen|Control of money|coercion/i);
    }
  });

  it('seals the answers at rest', async () => {
    const [a] = await couple();
    const id = await portalScreen(a);
    await as(test, a.token)
      .put(`/api/me/safety-screens/${id}/answers`)
      .send({ answers: { anythingElse: SECRET } })
      .expect(200);
    const [row] = await test.dataSource.query<{ dump: string }[]>(
      `SELECT row_to_json(s)::text AS dump FROM safety_screens s WHERE id = $1`,
      [id],
    );
    expect(row?.dump).not.toContain('car keys');
    expect(Buffer.from(row?.dump ?? '').toString()).not.toContain('anythingElse');
  });

  describe('booking a couples session', () => {
    it('waits for each partner to be screened; two clear screens let it through', async () => {
      const [a, b] = await couple();
      const refused = await couplesSession(a.client, b.client).expect(409);
      expect((refused.body as ApiErrorBody).message).toMatch(
        /each partner answers the safety screen/,
      );
      await inSession(a.client, ALL_NO);
      await couplesSession(a.client, b.client).expect(409);
      await inSession(b.client, ALL_NO);
      await couplesSession(a.client, b.client).expect(201);
    });

    it('asks the therapist to record a decision first when a review is pending', async () => {
      const [a, b] = await couple();
      await inSession(a.client, { ...ALL_NO, weapons: 'yes' });
      await inSession(b.client, ALL_NO);
      const refused = await couplesSession(a.client, b.client, 4).expect(409);
      const message = (refused.body as ApiErrorBody).message;
      expect(message).toMatch(/waiting for their therapist's decision/);
      expect(message).not.toMatch(/weapon/i);

      const bad = await mine()
        .post(`/api/clients/${b.client.id}/safety/decision`)
        .send({ decision: 'maybe' })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['decision']);

      await mine()
        .post(`/api/clients/${b.client.id}/safety/decision`)
        .send({ decision: 'individual_only', note: 'Seen alone; planning safety first.' })
        .expect(204);
      expect((await couplesSession(a.client, b.client, 4).expect(409)).body).toMatchObject({
        message: expect.stringMatching(/decided against couples sessions/) as string,
      });
      const chart = await overview(a.client.id);
      expect(chart.reviews[0]).toMatchObject({
        status: 'decided',
        decision: 'individual_only',
        decisionNote: 'Seen alone; planning safety first.',
      });

      await mine()
        .post(`/api/clients/${a.client.id}/safety/decision`)
        .send({ decision: 'proceed_with_safeguards' })
        .expect(204);
      await couplesSession(a.client, b.client, 4).expect(201);
      const status = (await admin().get(`/api/clients/${a.client.id}/safety`).expect(200))
        .body as SafetyAdminStatus;
      expect(status.reviewPending).toBe(false);
    });

    it('holds a booked couples session that is moved after a decision against conjoint work', async () => {
      const [a, b] = await couple();
      await inSession(a.client, ALL_NO);
      await inSession(b.client, ALL_NO);
      const booked = (await couplesSession(a.client, b.client, 5).expect(201)).body as {
        appointments: { id: string; start: string }[];
      };
      const appointment = booked.appointments[0];
      await mine()
        .post(`/api/clients/${a.client.id}/safety/decision`)
        .send({ decision: 'individual_only' })
        .expect(204);
      const later = new Date(new Date(appointment?.start ?? '').getTime() + 60 * 60_000);
      const moved = await admin()
        .patch(`/api/appointments/${appointment?.id}`)
        .send({ start: later.toISOString(), overrideReason: 'Test booking outside set hours' })
        .expect(409);
      expect((moved.body as ApiErrorBody).message).toMatch(/decided against couples sessions/);
      const [row] = await test.dataSource.query<{ starts_at: Date }[]>(
        'SELECT starts_at FROM appointments WHERE id = $1',
        [appointment?.id],
      );
      expect(row?.starts_at.toISOString()).toBe(appointment?.start);
    });

    it("is decided only by a therapist who treats both; another partner's therapist never learns why", async () => {
      const colleague = await createUser(test.dataSource, clinic, 'therapist');
      const colleagueToken = (await signIn(test, colleague.email)).token;
      const [a, b] = await couple(colleague);
      await inSession(a.client, { ...ALL_NO, threats: 'unsure' });
      const theirs = (
        await as(test, colleagueToken).get(`/api/clients/${b.client.id}/safety`).expect(200)
      ).body as SafetyOverview;
      expect(theirs.reviews).toEqual([
        expect.objectContaining({ status: 'pending', fromScreenOf: null, decisionNote: null }),
      ]);
      expect(theirs.screens).toEqual([]);
      await as(test, colleagueToken).get(`/api/clients/${a.client.id}/safety`).expect(404);
      const refused = await as(test, colleagueToken)
        .post(`/api/clients/${b.client.id}/safety/decision`)
        .send({ decision: 'proceed' })
        .expect(409);
      expect((refused.body as ApiErrorBody).message).toMatch(/treats both partners/);
    });
  });

  it('needs a linked partner, and every question answered to finish', async () => {
    const single = await partner();
    await mine()
      .post(`/api/clients/${single.client.id}/safety-screens`)
      .send({ mode: 'in_session' })
      .expect(409);
    const [a] = await couple();
    const created = (
      await mine()
        .post(`/api/clients/${a.client.id}/safety-screens`)
        .send({ mode: 'in_session' })
        .expect(201)
    ).body as SafetyScreenResultView;
    const wrong = await mine()
      .put(`/api/safety-screens/${created.id}/answers`)
      .send({ answers: { physical: 'maybe', nope: 'no' } })
      .expect(400);
    expect(fieldsOf(wrong.body)).toEqual(['answers.nope', 'answers.physical']);
    await mine()
      .put(`/api/safety-screens/${created.id}/answers`)
      .send({ answers: { physical: 'no' } })
      .expect(200);
    const early = await mine().post(`/api/safety-screens/${created.id}/complete`).expect(400);
    expect(fieldsOf(early.body)).toContain('answers.conjoint');
  });
});
