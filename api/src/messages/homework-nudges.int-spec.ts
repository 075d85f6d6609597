import {
  addDays,
  todayIn,
  zonedTimeToInstant,
  type HomeworkAssignment,
  type HomeworkTemplate,
} from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { INDISCREET_WORDS } from '../mail/mail-content';

const ZONE = 'America/New_York';

/** Homework nudges: the client opts in, at most one a day, discreet, quiet hours respected. */
describe('Homework nudges', () => {
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

  async function settle(ms = 1_500) {
    await test.app.get(JobQueue).wakeAll();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  it('nudges only a client who opted in and has homework owed, once a day, outside quiet hours', async () => {
    const clinic = await createClinic(test.dataSource, { name: 'Riverside', timeZone: ZONE });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const therapistToken = (await signIn(test, therapist.email)).token;
    const templates = (await as(test, therapistToken).get('/api/homework-templates').expect(200))
      .body as HomeworkTemplate[];
    const templateId = templates.find((t) => t.libraryKey === 'grounding-practice')?.id;
    const today = todayIn(ZONE);
    // The morning of that day before anything is written: on the real clock, a run in New York's
    // evening would find the homework owed past 18:00 and nudge before the test moves time.
    const clock = test.app.get(Clock);
    clock.set(zonedTimeToInstant(today, '09:00', ZONE));

    async function client(name: string, consent: boolean) {
      const portalUser = await createUser(test.dataSource, clinic, 'client');
      const record = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        portalUserId: portalUser.id,
        legalName: name,
        reminderConsent: consent,
      });
      const assignment = (
        await as(test, therapistToken)
          .post(`/api/clients/${record.id}/homework`)
          .send({ templateId, frequency: 'daily', startsOn: today, endsOn: addDays(today, 13) })
          .expect(201)
      ).body as HomeworkAssignment;
      const token = (await signIn(test, portalUser.email)).token;
      return { email: portalUser.email, token, assignment };
    }
    const optedIn = await client('Jordan Avery', true);
    const notOptedIn = await client('Sam Lee', true);
    const doneToday = await client('Robin Park', true);
    const noEmailConsent = await client('Alex Kim', false);

    // Off until the client turns it on; a bad value is 400 naming the field; staff cannot set it.
    await as(test, optedIn.token).get('/api/me/homework-nudges').expect(200, { consent: false });
    const bad = await as(test, optedIn.token)
      .put('/api/me/homework-nudges')
      .send({ consent: 'please' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('consent');
    await as(test, therapistToken)
      .put('/api/me/homework-nudges')
      .send({ consent: true })
      .expect(403);
    for (const person of [optedIn, doneToday, noEmailConsent]) {
      await as(test, person.token)
        .put('/api/me/homework-nudges')
        .send({ consent: true })
        .expect(200, { consent: true });
    }
    await as(test, doneToday.token)
      .post(`/api/me/homework/${doneToday.assignment.id}/entries`)
      .send({ occursOn: today })
      .expect(201);

    clock.set(zonedTimeToInstant(today, '17:59', ZONE));
    await settle();
    expect(smtp.to(optedIn.email)).toHaveLength(0);

    clock.set(zonedTimeToInstant(today, '18:00', ZONE));
    const mail = await smtp.next(optedIn.email);
    expect(mail.subject).toBe('Something is waiting for you in your portal');
    expect(mail.text).toContain('Something is waiting for you in your portal.');
    for (const part of [mail.subject, mail.text]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toMatch(/Jordan|Avery|homework|grounding|Riverside/i);
    }
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // The job keeps running through the evening: still one nudge, and none to the others.
    clock.advance(2 * 60 * 60_000);
    await settle();
    await settle();
    expect(smtp.to(optedIn.email)).toHaveLength(1);
    for (const person of [notOptedIn, doneToday, noEmailConsent]) {
      expect(smtp.to(person.email)).toHaveLength(0);
    }

    // Quiet hours from 17:00: tomorrow's 18:00 nudge waits for 08:00 the day after.
    const adminToken = (await signIn(test, admin.email)).token;
    await as(test, adminToken)
      .put('/api/messages/settings')
      .send({
        reminderLeadHours: [48, 2],
        quietHoursStart: 17,
        quietHoursEnd: 8,
        holdMinutes: 5,
        riskEscalationHours: 24,
      })
      .expect(200);
    clock.set(zonedTimeToInstant(addDays(today, 1), '18:00', ZONE));
    await settle();
    clock.set(zonedTimeToInstant(addDays(today, 2), '07:59', ZONE));
    await settle();
    expect(smtp.to(optedIn.email)).toHaveLength(1);
    clock.set(zonedTimeToInstant(addDays(today, 2), '08:00', ZONE));
    await smtp.next(optedIn.email);
    expect(smtp.to(optedIn.email)).toHaveLength(2);

    // Turning nudges off stops what is planned.
    clock.set(zonedTimeToInstant(addDays(today, 2), '18:00', ZONE));
    await settle();
    await as(test, optedIn.token)
      .put('/api/me/homework-nudges')
      .send({ consent: false })
      .expect(200, { consent: false });
    clock.set(zonedTimeToInstant(addDays(today, 3), '08:00', ZONE));
    await settle();
    expect(smtp.to(optedIn.email)).toHaveLength(2);
  });
});
