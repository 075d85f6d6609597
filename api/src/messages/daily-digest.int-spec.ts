import { addDays, todayIn, zonedTimeToInstant, type MyMessagePreferences } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import {
  startTestSmtpServer,
  type TestSmtpServer,
  type ReceivedMail,
} from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { INDISCREET_WORDS } from '../mail/mail-content';

const ZONE = 'America/New_York';
const SUBJECT = 'Your Cairn summary for today';

/** The therapists' daily digest: 07:00 clinic time, counts only, once a day, opt-out, skipped when empty. */
describe('Daily digest for therapists', () => {
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

  const digests = (email: string): ReceivedMail[] =>
    smtp.to(email).filter((mail) => mail.subject === SUBJECT);

  async function settle(ms = 1_500) {
    await test.app.get(JobQueue).wakeAll();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function digestFor(email: string, count: number): Promise<ReceivedMail> {
    for (let i = 0; i < 100 && digests(email).length < count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mail = digests(email)[count - 1];
    if (!mail) throw new Error(`no digest number ${count} for ${email}`);
    return mail;
  }

  it('sends counts at 07:00 local, once a day, not when all are zero, not after opting out', async () => {
    // Before the digest hour of today until the test moves the clock: on the real clock, a run
    // between 07:00 and noon in the zone would plan today's digests as soon as the users exist.
    const clock = test.app.get(Clock);
    clock.set(zonedTimeToInstant(todayIn(ZONE), '03:00', ZONE));
    const clinic = await createClinic(test.dataSource, { name: 'Riverside', timeZone: ZONE });
    const busy = await createUser(test.dataSource, clinic, 'therapist');
    const idle = await createUser(test.dataSource, clinic, 'therapist');
    const optedOut = await createUser(test.dataSource, clinic, 'therapist');
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: busy.id,
      portalUserId: portalUser.id,
      legalName: 'Jordan Avery',
    });
    const busyToken = (await signIn(test, busy.email)).token;
    const portalToken = (await signIn(test, portalUser.email)).token;

    // An open flag (item 9 answered above 0 in the portal) and a questionnaire due tomorrow.
    const phq = await as(test, busyToken)
      .post(`/api/clients/${client.id}/assessments`)
      .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
      .expect(201);
    await as(test, portalToken)
      .put(`/api/me/assessments/${(phq.body as { id: string }).id}/answers`)
      .send({ answers: { 'phq9-9': 2 } })
      .expect(200);
    const dueOn = addDays(todayIn(ZONE), 1);
    await as(test, busyToken)
      .post(`/api/clients/${client.id}/assessments`)
      .send({ instrumentCode: 'GAD-7', mode: 'portal', dueOn })
      .expect(201);

    // Opting out: the route answers the choice; a bad value is 400 naming the field.
    const optedOutToken = (await signIn(test, optedOut.email)).token;
    await as(test, optedOutToken)
      .get('/api/me/message-preferences')
      .expect(200, { dailyDigest: true });
    const bad = await as(test, optedOutToken)
      .put('/api/me/message-preferences')
      .send({ dailyDigest: 'no' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('dailyDigest');
    const off = await as(test, optedOutToken)
      .put('/api/me/message-preferences')
      .send({ dailyDigest: false })
      .expect(200);
    expect(off.body as MyMessagePreferences).toEqual({ dailyDigest: false });
    const portalPrefs = await as(test, portalToken).get('/api/me/message-preferences');
    expect(portalPrefs.status).toBe(403);

    // Three days after the due date, 06:59 New York: nothing yet.
    const day = addDays(dueOn, 3);
    clock.set(zonedTimeToInstant(day, '06:59', ZONE));
    await settle();
    expect(digests(busy.email)).toHaveLength(0);

    clock.set(zonedTimeToInstant(day, '07:00', ZONE));
    const mail = await digestFor(busy.email, 1);
    expect(mail.text).toContain('Notes past due: 0');
    expect(mail.text).toContain('Questionnaires overdue: 1');
    expect(mail.text).toContain('Alerts waiting for acknowledgement: 1');
    for (const part of [mail.subject, mail.text]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toMatch(/Jordan|Avery|PHQ|GAD|depress|anxiety|item/i);
    }

    // The job keeps running all morning: still one digest today; none to the others.
    clock.advance(3 * 60 * 60_000);
    await settle();
    await settle();
    expect(digests(busy.email)).toHaveLength(1);
    for (const person of [idle, optedOut, admin]) expect(digests(person.email)).toHaveLength(0);
    const rows = await test.dataSource.query<{ user: string; status: string; due: Date }[]>(
      `SELECT recipient_user_id AS user, status, due_at AS due FROM planned_messages
        WHERE clinic_id = $1 AND kind = 'daily_digest'`,
      [clinic.id],
    );
    // The idle therapist's digest was planned and dropped for having nothing to say.
    expect(rows.map((row) => [row.user, row.status]).sort()).toEqual(
      [
        [busy.id, 'sent'],
        [idle.id, 'stopped'],
      ].sort(),
    );
    expect(rows[0]?.due.toISOString()).toBe(zonedTimeToInstant(day, '07:00', ZONE).toISOString());

    // The next morning: the next digest.
    clock.set(zonedTimeToInstant(addDays(day, 1), '07:01', ZONE));
    await digestFor(busy.email, 2);
  });
});
