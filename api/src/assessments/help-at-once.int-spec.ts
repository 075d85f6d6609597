import {
  type AssessmentDetail,
  type CrisisSupport,
  type InSessionRiskPrompt,
  type MeasureSeries,
  type RiskFlagView,
} from '@cairn/contracts';
import { findInstrument, scoreAnswers, type Answers } from '@cairn/instruments';
import {
  as,
  createClient,
  createClinic,
  createUser,
  sealClearRows,
  signIn,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { toResult } from './assessment-views';

const phq9 = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`phq9-${index + 1}`, value]));

/**
 * Help at once for a client at risk, and the measures and versions that change must be read
 * against. Real HTTP on the whole app, real PostgreSQL.
 */
describe('Help at once, versions and baselines', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let therapistToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
  });
  afterAll(() => test.close());

  const mine = () => as(test, therapistToken);

  async function portalClient(
    inClinic = clinic,
    treatedBy = therapist,
  ): Promise<{ client: Client; token: string }> {
    const portalUser = await createUser(test.dataSource, inClinic, 'client');
    const client = await createClient(test.dataSource, inClinic, {
      primaryTherapistId: treatedBy.id,
      portalUserId: portalUser.id,
    });
    return { client, token: (await signIn(test, portalUser.email)).token };
  }

  async function send(token: string, clientId: string, code = 'PHQ-9'): Promise<string> {
    const created = await as(test, token)
      .post(`/api/clients/${clientId}/assessments`)
      .send({ instrumentCode: code, mode: 'portal' })
      .expect(201);
    return (created.body as AssessmentDetail).id;
  }

  /** A completed administration written as it would have been stored on that day. */
  async function completedOn(
    clientId: string,
    code: string,
    version: string,
    answers: Answers,
    completedAt: string,
  ): Promise<string> {
    const definition = findInstrument(code, version);
    if (!definition) throw new Error(`no ${code} v${version}`);
    const score = scoreAnswers(definition, answers);
    const [row] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                                answers, result, total, created_by, created_at, completed_at, completed_by)
       VALUES ($1, $2, $3, $4, 'in_session', 'completed', $5, $6, $7, $8, $9, $9, $8) RETURNING id`,
      [
        clinic.id,
        clientId,
        code,
        version,
        JSON.stringify(answers),
        JSON.stringify(toResult(definition, score)),
        score.total,
        therapist.id,
        completedAt,
      ],
    );
    await sealClearRows(test);
    return row?.id ?? '';
  }

  describe('item 9 above 0 in the portal', () => {
    it('returns the crisis resources with the saved answer, in calm words, honest about when', async () => {
      const { client, token } = await portalClient();
      const id = await send(therapistToken, client.id);

      const first = (
        await as(test, token)
          .put(`/api/me/assessments/${id}/answers`)
          .send({ answers: { 'phq9-1': 1 } })
          .expect(200)
      ).body as AssessmentDetail;
      expect(first.support).toBeNull();

      const saved = (
        await as(test, token)
          .put(`/api/me/assessments/${id}/answers`)
          .send({ answers: { 'phq9-9': 1 } })
          .expect(200)
      ).body as AssessmentDetail;
      expect(saved.answers['phq9-9']).toBe(1);
      expect(saved.status).toBe('in_progress');
      const support = saved.support as CrisisSupport;
      expect(support.resources.map((resource) => resource.contact)).toEqual(
        expect.arrayContaining(['Call or text 988', 'Call 911']),
      );
      expect(support.resources[0]?.links.map((link) => link.href)).toEqual(['tel:988', 'sms:988']);
      expect(support.followUp).toMatch(/next time they open Cairn/);
      expect(support.followUp).toMatch(/not watched around the clock/);
      const words = JSON.stringify(support);
      expect(words).not.toMatch(/flag|alert|risk/i);
      // The client never sees the clinician's flag or its wording.
      expect(saved.risks).toEqual([]);
      expect(JSON.stringify(saved)).not.toContain('assess suicide risk');

      // The therapist's side has the flag at once, before the client finishes.
      const flags = (await mine().get(`/api/clients/${client.id}/risk-flags`).expect(200))
        .body as RiskFlagView[];
      expect(flags).toHaveLength(1);

      // Help stays on the page to the end: completing is never only "thank you".
      await as(test, token)
        .put(`/api/me/assessments/${id}/answers`)
        .send({ answers: phq9([1, 0, 0, 0, 0, 0, 0, 0, 1]) })
        .expect(200);
      const done = (await as(test, token).post(`/api/me/assessments/${id}/complete`).expect(200))
        .body as AssessmentDetail;
      expect(done.status).toBe('completed');
      expect(done.support?.resources.length).toBeGreaterThan(0);
    });

    it('offers nothing alarming when item 9 is 0', async () => {
      const { client, token } = await portalClient();
      const id = await send(therapistToken, client.id);
      const saved = (
        await as(test, token)
          .put(`/api/me/assessments/${id}/answers`)
          .send({ answers: phq9([2, 2, 2, 2, 2, 2, 2, 2, 0]) })
          .expect(200)
      ).body as AssessmentDetail;
      expect(saved.support).toBeNull();
    });

    it('points to local emergency services outside the US, never to nothing', async () => {
      const abroad = await createClinic(test.dataSource, { timeZone: 'Europe/Berlin' });
      const theirTherapist = await createUser(test.dataSource, abroad, 'therapist');
      const theirToken = (await signIn(test, theirTherapist.email)).token;
      const { client, token } = await portalClient(abroad, theirTherapist);
      const id = await send(theirToken, client.id);
      const saved = (
        await as(test, token)
          .put(`/api/me/assessments/${id}/answers`)
          .send({ answers: { 'phq9-9': 2 } })
          .expect(200)
      ).body as AssessmentDetail;
      const words = JSON.stringify(saved.support);
      expect(words).toMatch(/local emergency/);
      expect(words).not.toMatch(/988|911/);
    });

    it('is reachable at any time from the portal ("If you need help now")', async () => {
      const { token } = await portalClient();
      const help = (await as(test, token).get('/api/me/crisis-resources').expect(200))
        .body as CrisisSupport;
      expect(help.resources.map((resource) => resource.name)).toContain(
        '988 Suicide & Crisis Lifeline',
      );
      await as(test, null).get('/api/me/crisis-resources').expect(401);
    });
  });

  it('in session shows the therapist the same resources and the prompt to assess risk', async () => {
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
    });
    const created = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as AssessmentDetail;
    const saved = (
      await mine()
        .put(`/api/assessments/${created.id}/answers`)
        .send({ answers: { 'phq9-9': 3 } })
        .expect(200)
    ).body as AssessmentDetail;
    const prompt = saved.support as InSessionRiskPrompt;
    expect(prompt.prompt).toMatch(/Assess suicide risk now/);
    expect(prompt.resources.map((resource) => resource.contact)).toContain('Call or text 988');
    const acknowledged = await mine()
      .post(`/api/assessments/${created.id}/acknowledge-risk`)
      .send({ note: 'Asked directly; safety plan agreed.' })
      .expect(200);
    expect((acknowledged.body as RiskFlagView[])[0]?.acknowledgedAt).not.toBeNull();
    const after = (await mine().get(`/api/assessments/${created.id}`).expect(200))
      .body as AssessmentDetail;
    expect(after.support).toBeNull();
  });

  it('keeps a cancelled administration’s flag open', async () => {
    const { client, token } = await portalClient();
    const id = await send(therapistToken, client.id);
    await as(test, token)
      .put(`/api/me/assessments/${id}/answers`)
      .send({ answers: { 'phq9-9': 1 } })
      .expect(200);
    await mine().post(`/api/assessments/${id}/cancel`).expect(200);
    const flags = (await mine().get(`/api/clients/${client.id}/risk-flags`).expect(200))
      .body as RiskFlagView[];
    expect(flags.map((flag) => flag.acknowledgedAt)).toEqual([null]);
  });

  describe('versions', () => {
    it('serves Trust Patterns version 2 under the same code, and version 1 when asked', async () => {
      const current = await mine().get('/api/instruments/TPI').expect(200);
      expect(current.body).toMatchObject({ code: 'TPI', version: '2' });
      const old = await mine().get('/api/instruments/TPI').query({ version: '1' }).expect(200);
      expect(old.body).toMatchObject({ code: 'TPI', version: '1' });
      await mine().get('/api/instruments/TPI').query({ version: '9' }).expect(404);
      await mine().get('/api/instruments/TPI').query({ version: 'x' }).expect(400);
      const list = (await mine().get('/api/instruments').expect(200)).body as { code: string }[];
      expect(list.map((item) => item.code)).toContain('SELF-TRUST');
    });

    it('gives new administrations version 2; an old one keeps version 1 and its scoring', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const v1Answers = Object.fromEntries(
        Array.from({ length: 21 }, (_, index) => [`tpi-${index + 1}`, 3]),
      );
      const oldId = await completedOn(client.id, 'TPI', '1', v1Answers, '2026-06-01T15:00:00Z');
      const fresh = (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'TPI', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail;
      expect(fresh.instrumentVersion).toBe('2');
      // Version 2 asks where the person stands; version 1 had no such question.
      const early = await mine()
        .put(`/api/assessments/${fresh.id}/answers`)
        .send({ answers: { ...v1Answers } })
        .expect(200);
      await mine().post(`/api/assessments/${fresh.id}/complete`).expect(400);
      expect((early.body as AssessmentDetail).answers['tpi-context']).toBeUndefined();
      await mine()
        .put(`/api/assessments/${fresh.id}/answers`)
        .send({ answers: { 'tpi-context': 'after-discovery', 'tpi-since': '1-6-months' } })
        .expect(200);
      const done = (await mine().post(`/api/assessments/${fresh.id}/complete`).expect(200))
        .body as AssessmentDetail;
      expect(done.interpretation?.context).toEqual([
        "After I discovered a partner's betrayal",
        '1 to 6 months ago',
      ]);
      expect(done.interpretation?.note).toMatch(/not a flaw/);

      const old = (await mine().get(`/api/assessments/${oldId}`).expect(200))
        .body as AssessmentDetail;
      expect(old.instrumentVersion).toBe('1');
      expect(old.interpretation?.note).toMatch(/not a flaw/);
      const checking = old.result?.subscales.find((subscale) => subscale.id === 'checking');
      // Version 1 scoring: all threes, with one positively worded item reversed elsewhere.
      expect(checking?.score).toBe(3);
      expect(old.result?.subscales.find((s) => s.id === 'distance')?.score).toBe(2.33);

      const series = (await mine().get(`/api/clients/${client.id}/measures`).expect(200))
        .body as MeasureSeries[];
      const tpi = series.find((one) => one.instrumentCode === 'TPI');
      expect(tpi?.points.map((point) => point.version)).toEqual(['1', '2']);
      // Labels as version 2 words them, on both: never "Testing and checking" again.
      expect(tpi?.points[0]?.subscales.find((s) => s.id === 'checking')?.label).toBe(
        'Checking for safety',
      );
      expect(tpi?.scale).toEqual({ min: 0, minLabel: 'Never', max: 4, maxLabel: 'Almost always' });
    });
  });

  describe('measures with a period', () => {
    it('keep the first-of-treatment baseline and cut by the clinic’s dates', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await completedOn(
        client.id,
        'PHQ-9',
        '1',
        phq9([3, 3, 3, 3, 3, 3, 2, 0, 0]),
        '2026-09-01T15:00:00Z',
      );
      await completedOn(
        client.id,
        'PHQ-9',
        '1',
        phq9([2, 2, 2, 2, 2, 2, 2, 0, 0]),
        '2026-10-01T15:00:00Z',
      );
      // 21:30 in Chicago on 14 October is already 15 October in UTC.
      await completedOn(
        client.id,
        'PHQ-9',
        '1',
        phq9([2, 2, 2, 2, 2, 2, 0, 0, 0]),
        '2026-10-15T02:30:00Z',
      );

      const all = (await mine().get(`/api/clients/${client.id}/measures`).expect(200))
        .body as MeasureSeries[];
      expect(all[0]?.points.map((point) => point.total)).toEqual([20, 14, 12]);
      expect(all[0]?.points[2]?.fromBaseline).toMatchObject({ delta: -8, reliable: 'improvement' });

      const later = (
        await mine()
          .get(`/api/clients/${client.id}/measures`)
          .query({ from: '2026-09-15' })
          .expect(200)
      ).body as MeasureSeries[];
      expect(later[0]?.points.map((point) => point.total)).toEqual([14, 12]);
      expect(later[0]?.points[1]?.fromBaseline).toMatchObject({
        delta: -8,
        reliable: 'improvement',
      });
      expect(later[0]?.points[0]?.fromBaseline?.delta).toBe(-6);

      const onThe14th = (
        await mine()
          .get(`/api/clients/${client.id}/measures`)
          .query({ from: '2026-10-14', to: '2026-10-14' })
          .expect(200)
      ).body as MeasureSeries[];
      expect(onThe14th[0]?.points.map((point) => point.total)).toEqual([12]);
      const onThe15th = (
        await mine()
          .get(`/api/clients/${client.id}/measures`)
          .query({ from: '2026-10-15', to: '2026-10-15' })
          .expect(200)
      ).body as MeasureSeries[];
      expect(onThe15th).toEqual([]);
    });
  });
});
