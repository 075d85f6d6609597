import {
  addDays,
  percent,
  todayIn,
  type ApiErrorBody,
  type ClientProgress,
  type ReportDetail,
  type ReportSummary,
  type SharedReport,
} from '@cairn/contracts';
import { PasswordHasher } from '../auth/password-hasher';
import { FieldCipher } from '../crypto/field-cipher';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo-seed';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { binary, pdfText } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';

const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

/**
 * Progress and reports on the demo clinic: Jordan Rivera has measures, Trust Patterns, homework and
 * check-ins (with her partner Alex), appointments and timeline events, so every part is exercised.
 */
describe('Progress and reports', () => {
  let test: TestApp;
  let therapist: string;
  let admin: string;
  let otherTherapist: string;
  let clientToken: string;
  let jordanId: string;
  let range: { from: string; to: string };

  beforeAll(async () => {
    test = await createTestApp();
    await seedDemoData(test.dataSource, test.app.get(PasswordHasher), test.app.get(FieldCipher));
    therapist = (await signIn(test, 'therapist@demo.clinic', DEMO_PASSWORD)).token;
    admin = (await signIn(test, 'admin@demo.clinic', DEMO_PASSWORD)).token;
    otherTherapist = (await signIn(test, 'therapist2@demo.clinic', DEMO_PASSWORD)).token;
    clientToken = (await signIn(test, 'client@demo.clinic', DEMO_PASSWORD)).token;
    const [jordan] = await test.dataSource.query<{ id: string }[]>(
      `SELECT id FROM clients WHERE legal_name = 'Jordan Rivera'`,
    );
    jordanId = jordan?.id ?? '';
    const today = todayIn('America/Chicago');
    range = { from: '2026-08-01', to: today };
  });
  afterAll(() => test.close());

  const progress = (token: string, query: Record<string, string>) =>
    as(test, token).get(`/api/clients/${jordanId}/progress`).query(query);

  async function pdfOf(
    token: string,
    reportId: string,
    copy = 'file',
  ): Promise<{ text: string; pages: string[] }> {
    const response = await as(test, token)
      .get(`/api/reports/${reportId}/pdf`)
      .query({ copy })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    return pdfText(response.body as Buffer);
  }

  describe('progress data', () => {
    it('brings every part of the picture together for the treating therapist', async () => {
      const data = (await progress(therapist, range).expect(200)).body as ClientProgress;
      expect(data.range).toEqual(range);
      expect(data.measures.map((series) => series.instrumentCode)).toEqual([
        'PHQ-9',
        'GAD-7',
        'PCL-5',
        'SELF-TRUST',
      ]);
      const phq = data.measures[0];
      expect(phq?.points.map((point) => point.total)).toEqual([17, 14, 11, 9]);
      expect(phq?.points.at(-1)?.fromBaseline?.reliable).toBe('improvement');
      expect(data.trustPatterns?.baseline?.subscales.length).toBeGreaterThan(0);
      expect(data.homework.expected).toBeGreaterThan(0);
      expect(data.homework.done).toBeLessThanOrEqual(data.homework.expected);
      expect(data.checkIns.map((series) => [series.name, series.partner])).toEqual([
        ['Jordan Rivera', false],
        ['Alex', true],
      ]);
      expect(data.attendance.completed).toBeGreaterThan(0);
      expect(data.timeline.map((event) => event.kind)).toEqual(
        expect.arrayContaining(['discovery', 'couples_work_started']),
      );
    });

    it('keeps to the period asked for', async () => {
      const data = (await progress(therapist, { from: '2026-10-01', to: '2026-10-31' }).expect(200))
        .body as ClientProgress;
      expect(data.measures[0]?.points.map((point) => point.total)).toEqual([11]);
      expect(data.timeline.map((event) => event.occurredOn)).toEqual(['2026-10-06']);
    });

    it.each([
      ['from after to', { from: '2026-11-02', to: '2026-11-01' }, ['from']],
      ['more than ten years', { from: '2015-01-01', to: '2026-11-01' }, ['to']],
      ['a date that is not one', { from: '2026-02-30', to: '2026-11-01' }, ['from']],
    ])('refuses %s', async (_, query, fields) => {
      const response = await progress(therapist, query).expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
    });

    it('is the treating therapist’s only: an admin 403, another therapist 404, a client 403', async () => {
      await progress(admin, range).expect(403);
      await progress(otherTherapist, range).expect(404);
      await progress(clientToken, range).expect(403);
    });
  });

  describe('reports', () => {
    let report: ReportDetail;

    it('snapshots the figures of the seeded record for the period', async () => {
      report = (
        await as(test, therapist).post(`/api/clients/${jordanId}/reports`).send(range).expect(201)
      ).body as ReportDetail;
      expect(report.status).toBe('draft');
      const data = report.data;
      expect(data.range).toEqual(range);
      // Jordan's seeded PHQ-9 series and the couple's check-ins.
      expect(
        data.measures
          .find((series) => series.instrumentCode === 'PHQ-9')
          ?.points.map((point) => point.total),
      ).toEqual([17, 14, 11, 9]);
      expect(data.checkIns.map((series) => series.name)).toEqual(['Jordan Rivera', 'Alex']);
      // Attendance, timeline and risk, counted straight from the tables for the same period.
      const appointments = await test.dataSource.query<{ status: string; late: boolean }[]>(
        `SELECT status, late_cancellation AS late FROM appointments
          WHERE (client_id = $1 OR partner_client_id = $1)
            AND (starts_at AT TIME ZONE 'America/Chicago')::date BETWEEN $2 AND $3`,
        [jordanId, range.from, range.to],
      );
      const count = (status: string, late?: boolean) =>
        appointments.filter(
          (row) => row.status === status && (late === undefined || row.late === late),
        ).length;
      expect(data.attendance).toMatchObject({
        completed: count('completed'),
        lateCancelled: count('cancelled', true),
        noShow: count('no_show'),
      });
      expect(data.attendance.completed).toBeGreaterThan(0);
      const events = await test.dataSource.query<{ day: string }[]>(
        `SELECT to_char(occurred_on, 'YYYY-MM-DD') AS day FROM client_timeline_events
          WHERE client_id = $1 AND removed_at IS NULL AND occurred_on BETWEEN $2 AND $3
          ORDER BY occurred_on`,
        [jordanId, range.from, range.to],
      );
      expect(data.timeline.map((event) => event.occurredOn)).toEqual(events.map((row) => row.day));
      expect(events.length).toBeGreaterThan(0);
    });

    it('saves the narrative with versions, and finalizes only with a summary', async () => {
      const refused = await as(test, therapist)
        .post(`/api/reports/${report.id}/finalize`)
        .expect(400);
      expect(fieldsOf(refused.body)).toEqual(['narrative.summary']);
      const saved = (
        await as(test, therapist)
          .patch(`/api/reports/${report.id}`)
          .send({
            version: report.version,
            narrative: {
              summary: 'Jordan’s alarm has settled: sleep is back and checking has eased.',
              plan: 'Continue weekly; prepare for the formal disclosure session.',
            },
          })
          .expect(200)
      ).body as ReportDetail;
      expect(saved.version).toBe(report.version + 1);
      await as(test, therapist)
        .patch(`/api/reports/${report.id}`)
        .send({ version: report.version, narrative: { plan: 'Old tab.' } })
        .expect(409);
      await as(test, therapist)
        .patch(`/api/reports/${report.id}`)
        .send({ version: saved.version, sharedWithClient: true })
        .expect(409);
      report = (await as(test, therapist).post(`/api/reports/${report.id}/finalize`).expect(200))
        .body as ReportDetail;
      expect(report).toMatchObject({ status: 'final', narrative: { plan: saved.narrative.plan } });
    });

    it('a final report never changes: finalizing twice or editing is refused, by the database too', async () => {
      await as(test, therapist).post(`/api/reports/${report.id}/finalize`).expect(409);
      await as(test, therapist)
        .patch(`/api/reports/${report.id}`)
        .send({ version: report.version, narrative: { summary: 'Rewritten.' } })
        .expect(409);
      await expect(
        test.dataSource.query(`UPDATE progress_reports SET period_to = period_from WHERE id = $1`, [
          report.id,
        ]),
      ).rejects.toThrow(/final report .* cannot change/);
      const reread = (await as(test, therapist).get(`/api/reports/${report.id}`).expect(200))
        .body as ReportDetail;
      expect(reread.narrative.summary).toContain('alarm has settled');
    });

    it('renders a PDF whose figures are the dashboard’s, with page numbers and the footer on every page', async () => {
      const { text, pages } = await pdfOf(therapist, report.id);
      const data = report.data;
      for (const expected of [
        'Demo Clinic',
        'Progress report',
        'Jordan Rivera',
        '1987-03-14',
        'Dr. Maya Okafor',
        'Jordan’s alarm has settled',
        'prepare for the formal disclosure session',
        `Done ${data.homework.done} of ${data.homework.expected} expected (${percent(data.homework.rate)})`,
        percent(data.attendance.attendanceRate),
        'Alex',
        'Discovery',
      ]) {
        expect(text).toContain(expected);
      }
      for (const point of data.measures[0]?.points ?? [])
        expect(text).toContain(`${point.total} / 27`);
      pages.forEach((page, index) => {
        expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
        expect(page).toContain('Confidential health information');
      });
    });

    it('gives the therapist a release copy for a referrer, without the partner’s data or risk', async () => {
      const { text } = await pdfOf(therapist, report.id, 'release');
      expect(text).toContain('Jordan Rivera');
      expect(text).not.toContain('Alex');
      expect(text).not.toContain('Safety');
      await as(test, therapist).get(`/api/reports/${report.id}/pdf?copy=everything`).expect(400);
    });

    it('reaches the client only once shared, without their partner’s check-ins, and is audited', async () => {
      expect((await as(test, clientToken).get('/api/me/reports').expect(200)).body).toEqual([]);
      await as(test, clientToken).get(`/api/reports/${report.id}/pdf`).expect(404);
      await as(test, therapist)
        .patch(`/api/reports/${report.id}`)
        .send({ version: report.version, sharedWithClient: true })
        .expect(200);
      const shared = (await as(test, clientToken).get('/api/me/reports').expect(200))
        .body as SharedReport[];
      expect(shared.map((item) => item.id)).toEqual([report.id]);
      const { text } = await pdfOf(clientToken, report.id);
      expect(text).toContain('Jordan Rivera');
      expect(text).not.toContain('Alex');
      expect(text).not.toContain('risk flag');

      const [exports] = await test.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.exported' AND entity_id = $1`,
        [report.id],
      );
      expect(exports?.n).toBe(3);
    });

    it('an admin sees that reports exist; others learn nothing', async () => {
      const list = (await as(test, admin).get(`/api/clients/${jordanId}/reports`).expect(200))
        .body as ReportSummary[];
      expect(Object.keys(list[0] ?? {}).sort()).toEqual([
        'author',
        'clientId',
        'createdAt',
        'finalizedAt',
        'id',
        'range',
        'status',
      ]);
      await as(test, admin).get(`/api/reports/${report.id}`).expect(403);
      await as(test, admin).get(`/api/reports/${report.id}/pdf`).expect(403);
      await as(test, otherTherapist).get(`/api/reports/${report.id}`).expect(404);
      await as(test, otherTherapist).get(`/api/clients/${jordanId}/reports`).expect(404);

      const elsewhere = await createClinic(test.dataSource, { name: 'Elsewhere' });
      const stranger = await createUser(test.dataSource, elsewhere, 'therapist');
      const strangerToken = (await signIn(test, stranger.email)).token;
      await as(test, strangerToken).get(`/api/reports/${report.id}`).expect(404);
      await as(test, strangerToken).get(`/api/reports/${report.id}/pdf`).expect(404);
    });

    it('prints names in any script, and says so plainly when a period holds no data', async () => {
      const clinic = await createClinic(test.dataSource, { name: 'Clínica Łódź 北京' });
      const someone = await createUser(test.dataSource, clinic, 'therapist', {
        displayName: 'Siobhán Nguyễn',
      });
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: someone.id,
        legalName: "Zoë Łukasz O'Brien 王芳",
      });
      const token = (await signIn(test, someone.email)).token;
      const created = (
        await as(test, token)
          .post(`/api/clients/${client.id}/reports`)
          .send({ from: addDays(range.to, -30), to: range.to })
          .expect(201)
      ).body as ReportDetail;
      const { text } = await pdfOf(token, created.id);
      for (const expected of [
        'Clínica Łódź 北京',
        "Zoë Łukasz O'Brien 王芳",
        'Siobhán Nguyễn',
        'No questionnaires were completed in this period.',
        'No homework was due in this period.',
        'Progress report (draft preview)',
      ]) {
        expect(text).toContain(expected);
      }
    });

    it('a client not on the caseload cannot get a report', async () => {
      const clinic = await createClinic(test.dataSource);
      const someone = await createUser(test.dataSource, clinic, 'therapist');
      const theirClient = await createClient(test.dataSource, clinic, {
        primaryTherapistId: someone.id,
      });
      const colleague = await createUser(test.dataSource, clinic, 'therapist');
      const token = (await signIn(test, colleague.email)).token;
      await as(test, token)
        .post(`/api/clients/${theirClient.id}/reports`)
        .send({ from: addDays(range.to, -30), to: range.to })
        .expect(404);
      const [count] = await test.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM progress_reports WHERE client_id = $1',
        [theirClient.id],
      );
      expect(count?.n).toBe(0);
    });
  });
});
