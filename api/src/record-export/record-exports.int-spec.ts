import {
  RECORD_EXPORT_VALID_DAYS,
  type AssessmentDetail,
  type NoteDetail,
  type RecordExportView,
  type ReportDetail,
} from '@cairn/contracts';
import type { Bundle } from 'fhir/r4';
import { strFromU8, unzipSync } from 'fflate';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { binary, pdfText } from '../../test/pdf-text';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import { Clock } from '../jobs/clock';
import { INDISCREET_WORDS } from '../mail/mail-content';
import type { User } from '../users/entities/user.entity';
import { RecordExportsService } from './record-exports.service';

const PROCESS_MARKER = 'PROCESS-NOTE-MARKER I wanted to rescue her.';
const FOCUS_MARKER = 'FOCUS-MARKER Alarm after a late reply; told intuition from echo.';
const ADDENDUM_MARKER = 'ADDENDUM-MARKER The session ran ten minutes over.';
const EARLIER_MARKER = 'EARLIER-MARKER First session after the discovery.';
const INTAKE_MARKER = 'INTAKE-MARKER Cannot stop checking since the discovery.';
const REPORT_MARKER = 'REPORT-MARKER The alarm has settled; sleep is back.';

interface Unzipped {
  files: Record<string, Uint8Array>;
  text: Record<string, string>;
}

function unzip(body: Buffer): Unzipped {
  const files = unzipSync(new Uint8Array(body));
  const text = Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => !name.endsWith('.pdf'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
  return { files, text };
}

describe('Record exports as a job, and the client’s own copy', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let clientUser: User;
  let clientToken: string;
  let partnerToken: string;
  let otherClinicToken: string;
  let client: Client;
  let partner: Client;

  const audit = (entityId: string) =>
    test.dataSource.query<{ action: string; user_id: string | null; client_id: string }[]>(
      `SELECT action, user_id, client_id FROM audit_events
        WHERE entity_id = $1 AND action LIKE 'record_export.%' ORDER BY occurred_at, action`,
      [entityId],
    );
  const download = (token: string, id: string) =>
    as(test, token).get(`/api/record-exports/${id}/download`).buffer(true).parse(binary);

  /** Follows an export's progress as the caller sees it until the job has finished it. */
  async function untilReady(token: string, id: string): Promise<RecordExportView[]> {
    const seen: RecordExportView[] = [];
    for (let i = 0; i < 200; i++) {
      const view = (await as(test, token).get(`/api/record-exports/${id}`).expect(200))
        .body as RecordExportView;
      seen.push(view);
      if (view.status === 'ready' || view.status === 'failed') return seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Export ${id} was not built in time`);
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      WORKERS: 'on',
      JOBS_TICK_MS: '200',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
    });
    const clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (
      await signIn(test, (await createUser(test.dataSource, clinic, 'therapist')).email)
    ).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    clientUser = await createUser(test.dataSource, clinic, 'client');
    client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: clientUser.id,
    });
    clientToken = (await signIn(test, clientUser.email)).token;
    const partnerUser = await createUser(test.dataSource, clinic, 'client');
    partner = await createClient(test.dataSource, clinic, {
      legalName: 'Partnername Quillfeather',
      primaryTherapistId: therapist.id,
      portalUserId: partnerUser.id,
      partnerId: client.id,
    });
    await test.dataSource.query('UPDATE clients SET partner_id = $1 WHERE id = $2', [
      partner.id,
      client.id,
    ]);
    partnerToken = (await signIn(test, partnerUser.email)).token;
    const elsewhere = await createClinic(test.dataSource);
    otherClinicToken = (
      await signIn(test, (await createUser(test.dataSource, elsewhere, 'therapist')).email)
    ).token;

    const mine = as(test, therapistToken);
    await mine
      .patch(`/api/clients/${client.id}`)
      .send({ intake: { presentingConcerns: INTAKE_MARKER } })
      .expect(200);
    await mine
      .post(`/api/clients/${client.id}/timeline`)
      .send({ kind: 'discovery', occurredOn: '2026-08-15' })
      .expect(201);
    /** A signed progress note on the client's file, for a session `hoursAgo`. */
    const signedProgressNote = async (focus: string, hoursAgo: number) => {
      const written = (
        await mine
          .post(`/api/clients/${client.id}/notes`)
          .send({
            templateCode: 'bt_progress',
            sessionAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
            durationMinutes: 53,
            serviceType: 'individual_60',
            content: { focus, risk: { level: 'none' }, plan: 'Weekly.' },
          })
          .expect(201)
      ).body as NoteDetail;
      await mine
        .post(`/api/notes/${written.id}/sign`)
        .send({ version: written.version, password: TEST_PASSWORD })
        .expect(200);
      return written;
    };
    const note = await signedProgressNote(FOCUS_MARKER, 2);
    await mine
      .post(`/api/notes/${note.id}/addenda`)
      .send({ text: ADDENDUM_MARKER, password: TEST_PASSWORD })
      .expect(201);
    // An earlier signed note, written later and without an addendum: the chart lists notes by
    // session, and an addendum stays under the note it was added to.
    await signedProgressNote(EARLIER_MARKER, 30);
    const processNote = (
      await mine
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'process',
          sessionAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content: { process: PROCESS_MARKER },
        })
        .expect(201)
    ).body as NoteDetail;
    await mine
      .post(`/api/notes/${processNote.id}/sign`)
      .send({ version: processNote.version, password: TEST_PASSWORD })
      .expect(200);

    // Scores after the notes: a note says "no risk" only while no flag is open.
    const phq = (
      await mine
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as AssessmentDetail;
    await mine
      .put(`/api/assessments/${phq.id}/answers`)
      .send({
        answers: Object.fromEntries(
          // Item 9 above zero: a risk flag, which the client's copy leaves out.
          [2, 2, 2, 2, 2, 1, 1, 1, 1].map((value, index) => [`phq9-${index + 1}`, value]),
        ),
      })
      .expect(200);
    await mine.post(`/api/assessments/${phq.id}/complete`).expect(200);

    const today = new Date().toISOString().slice(0, 10);
    const report = (
      await mine
        .post(`/api/clients/${client.id}/reports`)
        .send({ from: '2026-01-01', to: today })
        .expect(201)
    ).body as ReportDetail;
    await mine
      .patch(`/api/reports/${report.id}`)
      .send({ version: report.version, narrative: { summary: REPORT_MARKER } })
      .expect(200);
    await mine.post(`/api/reports/${report.id}/finalize`).expect(200);
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  let staffExport: RecordExportView;

  it('builds the treating therapist’s export as a job, with progress, and a chart PDF in the zip', async () => {
    const created = await as(test, therapistToken)
      .post(`/api/clients/${client.id}/record-exports`)
      .expect(201);
    staffExport = created.body as RecordExportView;
    expect(staffExport).toMatchObject({
      clientId: client.id,
      audience: 'staff',
      clinical: true,
      status: 'queued',
      progress: { done: 0, total: 4 },
    });
    const seen = await untilReady(therapistToken, staffExport.id);
    const built = seen[seen.length - 1];
    expect(built).toMatchObject({ status: 'ready', progress: { done: 4, total: 4 } });
    // Progress only moves forward.
    const steps = seen.map((view) => view.progress.done);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    const expiresIn = Date.parse(built?.expiresAt ?? '') - Date.parse(built?.readyAt ?? '');
    expect(expiresIn).toBe(RECORD_EXPORT_VALID_DAYS * 86_400_000);

    // Sealed at rest: neither the zip nor any of its text is stored in clear.
    const [stored] = await test.dataSource.query<{ data: Buffer; key: string }[]>(
      'SELECT archive_sealed AS data, archive_key_id AS key FROM record_exports WHERE id = $1',
      [staffExport.id],
    );
    expect(stored?.key).toBe('test-1');
    expect(stored?.data.subarray(0, 2).toString()).not.toBe('PK');
    expect(stored?.data.toString('latin1')).not.toContain('FOCUS-MARKER');

    const response = await download(therapistToken, staffExport.id).expect(200);
    expect(response.headers['content-type']).toContain('application/zip');
    expect(response.headers['content-disposition']).not.toContain(client.legalName);
    const { files, text } = unzip(response.body as Buffer);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'appointments.csv',
      'chart.pdf',
      'fhir/everything.json',
      'homework.csv',
      'notes.csv',
      'scores.csv',
    ]);
    const chart = (await pdfText(Buffer.from(files['chart.pdf'] ?? []))).text;
    for (const expected of [
      'Client record',
      'Demographics',
      client.legalName,
      'Intake',
      'INTAKE-MARKER',
      'Timeline',
      'Discovery',
      'Phases of care',
      'PHQ-9',
      'FOCUS-MARKER',
      'ADDENDUM-MARKER',
      'Final reports',
      'REPORT-MARKER',
      'Homework',
      'Safety',
    ]) {
      expect(chart).toContain(expected);
    }
    const [earlierAt, focusAt, addendumAt] = [
      'EARLIER-MARKER',
      'FOCUS-MARKER',
      'ADDENDUM-MARKER',
    ].map((marker) => chart.indexOf(marker));
    expect(earlierAt).toBeGreaterThan(-1);
    expect(earlierAt).toBeLessThan(focusAt);
    expect(focusAt).toBeLessThan(addendumAt);
    // A header and the two signed progress notes; the process note is never listed.
    expect(text['notes.csv']?.split('\r\n').filter(Boolean)).toHaveLength(3);
    const bundle = JSON.parse(text['fhir/everything.json'] ?? '{}') as Bundle;
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toContain('Flag');
    expect(chart).not.toContain('PROCESS-NOTE-MARKER');
    expect(Object.values(text).join('\n')).not.toContain('PROCESS-NOTE-MARKER');

    expect(await audit(staffExport.id)).toEqual([
      { action: 'record_export.requested', user_id: therapist.id, client_id: client.id },
      { action: 'record_export.built', user_id: therapist.id, client_id: client.id },
      { action: 'record_export.downloaded', user_id: therapist.id, client_id: client.id },
    ]);
  });

  it('gives an admin the non-clinical part, and keeps the therapist’s export from them', async () => {
    const created = (
      await as(test, adminToken).post(`/api/clients/${client.id}/record-exports`).expect(201)
    ).body as RecordExportView;
    expect(created.clinical).toBe(false);
    await untilReady(adminToken, created.id);
    const { files, text } = unzip(
      (await download(adminToken, created.id).expect(200)).body as Buffer,
    );
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'appointments.csv',
      'chart.pdf',
      'fhir/everything.json',
    ]);
    const chart = (await pdfText(Buffer.from(files['chart.pdf'] ?? []))).text;
    expect(chart).toContain(client.legalName);
    expect(chart).toContain('This copy holds no clinical content.');
    for (const secret of ['INTAKE-MARKER', 'FOCUS-MARKER', 'PHQ-9', 'PROCESS-NOTE-MARKER']) {
      expect(chart).not.toContain(secret);
      expect(Object.values(text).join('\n')).not.toContain(secret);
    }
    await as(test, adminToken).get(`/api/record-exports/${staffExport.id}`).expect(404);
    await download(adminToken, staffExport.id).expect(404);
    const listed = (
      await as(test, adminToken).get(`/api/clients/${client.id}/record-exports`).expect(200)
    ).body as RecordExportView[];
    expect(listed.map((view) => view.id)).toEqual([created.id]);
  });

  it.each([
    ['another therapist', () => colleagueToken],
    ['the partner', () => partnerToken],
    ['another clinic', () => otherClinicToken],
  ])('answers %s 404 for the export and the file, and stores nothing', async (_who, token) => {
    const before = await test.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM record_exports',
    );
    await as(test, token()).get(`/api/record-exports/${staffExport.id}`).expect(404);
    await download(token(), staffExport.id).expect(404);
    // The partner is a client: staff routes refuse the role itself.
    const status = token() === partnerToken ? 403 : 404;
    await as(test, token()).post(`/api/clients/${client.id}/record-exports`).expect(status);
    await as(test, token()).get(`/api/clients/${client.id}/record-exports`).expect(status);
    expect(
      await test.dataSource.query<{ count: string }[]>('SELECT count(*) FROM record_exports'),
    ).toEqual(before);
  });

  let clientCopy: RecordExportView;

  it('lets the client ask for a copy, which waits for the therapist', async () => {
    clientCopy = (await as(test, clientToken).post('/api/me/record-exports').expect(201))
      .body as RecordExportView;
    expect(clientCopy).toMatchObject({ audience: 'client', status: 'requested' });
    // Asking again while one is open is the same request.
    const again = (await as(test, clientToken).post('/api/me/record-exports').expect(201))
      .body as RecordExportView;
    expect(again.id).toBe(clientCopy.id);
    const mine = (await as(test, clientToken).get('/api/me/record-exports').expect(200))
      .body as RecordExportView[];
    expect(mine.map((view) => view.id)).toEqual([clientCopy.id]);
    // Not built before release: the job leaves it alone, and there is nothing to download.
    await test.app.get(RecordExportsService).runPending();
    await download(clientToken, clientCopy.id).expect(403);
    // The partner neither sees it nor can release it; another therapist finds nothing.
    expect((await as(test, partnerToken).get('/api/me/record-exports').expect(200)).body).toEqual(
      [],
    );
    await as(test, partnerToken).get(`/api/record-exports/${clientCopy.id}`).expect(404);
    await as(test, colleagueToken).post(`/api/record-exports/${clientCopy.id}/release`).expect(404);
    await as(test, adminToken).post(`/api/record-exports/${clientCopy.id}/release`).expect(403);
    await as(test, clientToken).post(`/api/record-exports/${clientCopy.id}/release`).expect(403);

    const seenByTherapist = (
      await as(test, therapistToken).get(`/api/clients/${client.id}/record-exports`).expect(200)
    ).body as RecordExportView[];
    expect(seenByTherapist.find((view) => view.id === clientCopy.id)).toMatchObject({
      audience: 'client',
      status: 'requested',
    });
  });

  it('builds the client’s copy once released: the final report, but no session note, risk flag or partner, and a discreet email', async () => {
    const released = (
      await as(test, therapistToken)
        .post(`/api/record-exports/${clientCopy.id}/release`)
        .expect(200)
    ).body as RecordExportView;
    expect(released.status).toBe('queued');
    await as(test, therapistToken).post(`/api/record-exports/${clientCopy.id}/release`).expect(409);
    const seen = await untilReady(clientToken, clientCopy.id);
    expect(seen[seen.length - 1]?.status).toBe('ready');

    const mail = await smtp.next(clientUser.email);
    expect(mail.subject).toBe('A document is ready in your portal');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(INDISCREET_WORDS);
    expect(mail.text).not.toContain(client.legalName);

    const response = await download(clientToken, clientCopy.id).expect(200);
    const { files, text } = unzip(response.body as Buffer);
    const chart = (await pdfText(Buffer.from(files['chart.pdf'] ?? []))).text;
    // The final report is theirs to have; session notes are never shown to a client.
    expect(chart).toContain('REPORT-MARKER');
    expect(Object.keys(files)).not.toContain('notes.csv');
    const everything = `${chart}\n${Object.values(text).join('\n')}`;
    expect(everything).not.toContain('FOCUS-MARKER');
    expect(everything).not.toContain('ADDENDUM-MARKER');
    expect(everything).not.toContain('PROCESS-NOTE-MARKER');
    expect(everything).not.toContain(partner.legalName);
    expect(chart).not.toContain('Safety');
    const bundle = JSON.parse(text['fhir/everything.json'] ?? '{}') as Bundle;
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).not.toContain('Flag');
    const documentUrls = (bundle.entry ?? []).flatMap((entry) =>
      entry.resource?.resourceType === 'DocumentReference'
        ? entry.resource.content.map((content) => content.attachment.url ?? '')
        : [],
    );
    expect(documentUrls.length).toBeGreaterThan(0);
    expect(documentUrls.filter((url) => url.includes('/api/notes/'))).toEqual([]);

    await as(test, partnerToken).get(`/api/record-exports/${clientCopy.id}`).expect(404);
    await download(partnerToken, clientCopy.id).expect(404);
    expect(await audit(clientCopy.id)).toEqual([
      { action: 'record_export.client_requested', user_id: clientUser.id, client_id: client.id },
      { action: 'record_export.released', user_id: therapist.id, client_id: client.id },
      { action: 'record_export.built', user_id: therapist.id, client_id: client.id },
      { action: 'record_export.downloaded', user_id: clientUser.id, client_id: client.id },
    ]);
  });

  it('drops the zip when the export expires, and answers 410', async () => {
    const clock = test.app.get(Clock);
    clock.advance((RECORD_EXPORT_VALID_DAYS + 1) * 86_400_000);
    await test.app.get(RecordExportsService).runPending();
    const view = (
      await as(test, clientToken).get(`/api/record-exports/${clientCopy.id}`).expect(200)
    ).body as RecordExportView;
    expect(view.status).toBe('expired');
    await download(clientToken, clientCopy.id).expect(410);
    const [row] = await test.dataSource.query<{ sealed: boolean }[]>(
      'SELECT archive_sealed IS NOT NULL AS sealed FROM record_exports WHERE id = $1',
      [clientCopy.id],
    );
    expect(row?.sealed).toBe(false);
    expect((await audit(clientCopy.id)).map((row) => row.action)).toContain(
      'record_export.expired',
    );
  });
});
