import type { PlannedMessageView } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';

/** The admin's "Messages" list, retrying a failed message, and reminder consent by staff and portal. */
describe('Messages for the admin, and reminder consent', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      WORKERS: 'on',
      JOBS_TICK_MS: '200',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
    });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  it('lists messages without bodies, filters them, and retries a failed one', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Riverside' });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    // Opted out of the daily digest: the worker plans one on the real clock whenever the test
    // runs between 07:00 and noon in the clinic's zone, and this list is about the rows below.
    const noDigest = { dailyDigestOptOut: true };
    const therapist = await createUser(test.dataSource, clinic, 'therapist', noDigest);
    const other = await createClinic(test.dataSource, { name: 'Elsewhere' });
    const stranger = await createUser(test.dataSource, other, 'therapist', noDigest);
    const [failed] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO planned_messages (clinic_id, kind, recipient_user_id, dedup_key, due_at, status, attempts, last_error)
       VALUES ($1, 'risk_alert', $2, 'failed-one', now() - interval '1 hour', 'failed', 4, 'mail failed')
       RETURNING id`,
      [clinic.id, therapist.id],
    );
    await test.dataSource.query(
      `INSERT INTO planned_messages (clinic_id, kind, recipient_user_id, dedup_key, due_at, status)
       VALUES ($1, 'risk_alert', $2, 'elsewhere', now() + interval '1 day', 'planned')`,
      [other.id, stranger.id],
    );
    const token = (await signIn(test, admin.email)).token;
    const all = (await as(test, token).get('/api/messages').expect(200))
      .body as PlannedMessageView[];
    expect(all).toEqual([
      expect.objectContaining({
        id: failed?.id,
        kind: 'risk_alert',
        recipient: therapist.email,
        status: 'failed',
        attempts: 4,
        sentAt: null,
      }),
    ]);
    expect(Object.keys(all[0] ?? {})).not.toContain('body');
    const sentOnly = await as(test, token).get('/api/messages?status=sent').expect(200);
    expect(sentOnly.body).toEqual([]);
    const bad = await as(test, token).get('/api/messages?status=lost').expect(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    // A therapist does not read the clinic's message list.
    const therapistToken = (await signIn(test, therapist.email)).token;
    await as(test, therapistToken).get('/api/messages').expect(403);

    await as(test, token).post(`/api/messages/${failed?.id}/retry`).expect(204);
    const mail = await smtp.next(therapist.email);
    expect(mail.subject).toBe('A response in Cairn needs your attention');
    // Only a failed one is retried.
    await as(test, token).post(`/api/messages/${failed?.id}/retry`).expect(409);
  });

  it('records consent from staff and from the portal; bad values are 400 naming the field', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Hillside' });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, { portalUserId: portalUser.id });
    const adminToken = (await signIn(test, admin.email)).token;
    const portalToken = (await signIn(test, portalUser.email)).token;
    const consent = async () =>
      (
        await test.dataSource.query<{ c: boolean }[]>(
          'SELECT reminder_consent AS c FROM clients WHERE id = $1',
          [client.id],
        )
      )[0]?.c;

    expect(await consent()).toBe(false);
    await as(test, adminToken)
      .put(`/api/clients/${client.id}/reminder-consent`)
      .send({ consent: true })
      .expect(200, { consent: true });
    expect(await consent()).toBe(true);
    const bad = await as(test, adminToken)
      .put(`/api/clients/${client.id}/reminder-consent`)
      .send({ consent: 'yes' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('consent');
    expect(await consent()).toBe(true);

    await as(test, portalToken).get('/api/me/reminder-consent').expect(200, { consent: true });
    await as(test, portalToken)
      .put('/api/me/reminder-consent')
      .send({ consent: false })
      .expect(200, { consent: false });
    expect(await consent()).toBe(false);
  });

  it('changes the clinic message settings; a bad value is 400 naming the field, nothing stored', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Lakeside' });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const token = (await signIn(test, admin.email)).token;
    await as(test, token)
      .get('/api/messages/settings')
      .expect(200, {
        reminderLeadHours: [48, 2],
        quietHoursStart: 21,
        quietHoursEnd: 8,
        holdMinutes: 5,
        riskEscalationHours: 24,
      });
    const good = {
      reminderLeadHours: [2, 24],
      quietHoursStart: 22,
      quietHoursEnd: 7,
      holdMinutes: 10,
      riskEscalationHours: 12,
    };
    for (const [field, value] of [
      ['reminderLeadHours', [0]],
      ['reminderLeadHours', [2, 2]],
      ['quietHoursStart', 24],
      ['quietHoursEnd', 'eight'],
      ['holdMinutes', -1],
      ['riskEscalationHours', 0],
    ] as const) {
      const bad = await as(test, token)
        .put('/api/messages/settings')
        .send({ ...good, [field]: value })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain(field);
    }
    const [unchanged] = await test.dataSource.query<{ hold: number }[]>(
      'SELECT message_hold_minutes AS hold FROM clinics WHERE id = $1',
      [clinic.id],
    );
    expect(unchanged?.hold).toBe(5);
    const saved = await as(test, token).put('/api/messages/settings').send(good).expect(200);
    expect(saved.body).toEqual({ ...good, reminderLeadHours: [24, 2] });
  });
});
