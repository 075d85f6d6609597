import { addDays, todayIn, zonedTimeToInstant, type AssessmentListItem } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { INDISCREET_WORDS } from '../mail/mail-content';

const DAY = 86_400_000;

/**
 * Scheduled questionnaires sent by the job (pg-boss), not by anyone opening a page: the clock is
 * moved, nobody signs in, and the questionnaire and its discreet email appear.
 */
describe('Scheduled questionnaires by job', () => {
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

  const assessments = (clientId: string) =>
    test.dataSource.query<{ id: string; status: string }[]>(
      'SELECT id, status FROM assessments WHERE client_id = $1 ORDER BY created_at',
      [clientId],
    );

  async function settle() {
    await test.app.get(JobQueue).wakeAll();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }

  it('sends when due, emails "something is waiting" once and reminds once, never stacking', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Riverside', timeZone: 'UTC' });
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
      reminderConsent: true,
      legalName: 'Jordan Avery',
    });
    const therapistToken = (await signIn(test, therapist.email)).token;
    const tomorrow = addDays(todayIn('UTC'), 1);
    await as(test, therapistToken)
      .post(`/api/clients/${client.id}/measurement-schedules`)
      .send({ instrumentCode: 'GAD-7', everyWeeks: 1, startOn: tomorrow })
      .expect(201);
    expect(await assessments(client.id)).toHaveLength(0);

    // Tomorrow at 10:00: nobody opens anything; the job sends it.
    const clock = test.app.get(Clock);
    clock.set(zonedTimeToInstant(tomorrow, '10:00', 'UTC'));
    const mail = await smtp.next(portalUser.email);
    expect(mail.subject).toBe('Something is waiting for you in your portal');
    for (const part of [mail.subject, mail.text]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toMatch(/GAD|anxiety|questionnaire|Jordan/i);
    }
    const sent = await assessments(client.id);
    expect(sent).toEqual([expect.objectContaining({ status: 'in_progress' })]);

    // Three days later, still open: one reminder. A week later it is still open: no second send.
    clock.advance(3 * DAY + 60_000);
    await smtp.next(portalUser.email);
    clock.advance(5 * DAY);
    await settle();
    expect(await assessments(client.id)).toHaveLength(1);
    expect(smtp.to(portalUser.email)).toHaveLength(2);

    // The portal still shows the one questionnaire.
    const portalToken = (await signIn(test, portalUser.email)).token;
    const mine = (await as(test, portalToken).get('/api/me/assessments'))
      .body as AssessmentListItem[];
    expect(mine.map((item) => item.instrumentCode)).toEqual(['GAD-7']);
  });

  it('sends the questionnaire but no email to a client who did not consent', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Hillside', timeZone: 'UTC' });
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
    });
    const token = (await signIn(test, therapist.email)).token;
    const start = addDays(todayIn('UTC', test.app.get(Clock).now()), 1);
    await as(test, token)
      .post(`/api/clients/${client.id}/measurement-schedules`)
      .send({ instrumentCode: 'GAD-7', everyWeeks: 1, startOn: start })
      .expect(201);
    test.app.get(Clock).set(zonedTimeToInstant(start, '10:00', 'UTC'));
    await settle();
    expect(await assessments(client.id)).toHaveLength(1);
    expect(smtp.to(portalUser.email)).toHaveLength(0);
  });
});
