import type { AssessmentDetail } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, startTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { INDISCREET_WORDS } from '../mail/mail-content';
import type { User } from '../users/entities/user.entity';

const HOUR = 3_600_000;

/** Waits until `check` answers something, polling (the worker runs on its own). */
async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const WORKER_ENV = (smtp: TestSmtpServer): Record<string, string> => ({
  WORKERS: 'on',
  JOBS_TICK_MS: '200',
  SMTP_URL: smtp.url,
  MAIL_FROM: 'no-reply@riverside.example',
  // One retry inside the mail module per try, at once; the dispatcher's retries are what we test.
  MAIL_RETRY_DELAYS_MS: '0',
  MESSAGE_MAX_ATTEMPTS: '3',
  MESSAGE_RETRY_BACKOFF_S: '60,120',
});

/**
 * Risk alerts through the real job queue (pg-boss on this database), the dispatcher and a real
 * SMTP server; the application clock is moved for the escalation and the retries.
 */
describe('Risk alerts by email', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let admin: User;
  let therapistToken: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp(WORKER_ENV(smtp));
    clinic = await createClinic(test.dataSource, { name: 'Riverside' });
    // Opted out of the daily digest: the worker plans one on the real clock whenever the tests
    // run between 07:00 and noon in the clinic's zone, and these tests count the alerts' mail.
    therapist = await createUser(test.dataSource, clinic, 'therapist', { dailyDigestOptOut: true });
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapistToken = (await signIn(test, therapist.email)).token;
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  async function portalClient(): Promise<{ client: Client; token: string }> {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
      legalName: 'Jordan Avery',
    });
    return { client, token: (await signIn(test, portalUser.email)).token };
  }

  async function answerItem9(): Promise<{ client: Client; assessmentId: string }> {
    const { client, token } = await portalClient();
    const created = await as(test, therapistToken)
      .post(`/api/clients/${client.id}/assessments`)
      .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
      .expect(201);
    const assessmentId = (created.body as AssessmentDetail).id;
    await as(test, token)
      .put(`/api/me/assessments/${assessmentId}/answers`)
      .send({ answers: { 'phq9-9': 2 } })
      .expect(200);
    return { client, assessmentId };
  }

  const rows = (kind: string) =>
    test.dataSource.query<{ status: string; attempts: number; message_id: string | null }[]>(
      `SELECT status, attempts, message_id FROM planned_messages WHERE kind = $1 ORDER BY created_at`,
      [kind],
    );

  it('emails the treating therapist within a minute, with nothing clinical and no name', async () => {
    const started = Date.now();
    await answerItem9();
    const mail = await smtp.next(therapist.email, 60_000);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(mail.subject).toBe('A response in Cairn needs your attention');
    expect(mail.text).toContain('A response in Cairn needs your attention');
    expect(mail.text).toContain(test.config.publicUrl);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toMatch(/Jordan|Avery|PHQ|item|phq9|\bnine\b|dead|harm/i);
    }
    // The row is marked once the server has accepted the message.
    const row = await eventually(async () => {
      const [found] = await rows('risk_alert');
      return found?.status === 'sent' && found;
    });
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    // The Message-ID is the planned message's own, so a resend would be recognisable.
    expect(row?.message_id).toBe(mail.parsed.messageId);
    expect(mail.parsed.messageId).toMatch(/^<pm-[0-9a-f-]{36}@/);
  });

  it('tells the clinic admin once the acknowledgement deadline (24 h) has passed', async () => {
    await answerItem9();
    await smtp.next(therapist.email);
    const clock = test.app.get(Clock);
    clock.advance(23 * HOUR);
    await test.app.get(JobQueue).wake();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to(admin.email)).toHaveLength(0);

    clock.advance(1 * HOUR + 60_000);
    const mail = await smtp.next(admin.email);
    expect(mail.subject).toBe('An alert in Cairn is waiting');
    expect(mail.text).not.toMatch(INDISCREET_WORDS);
    expect(mail.text).not.toMatch(/Jordan|Avery|PHQ/i);
  });

  it('does not escalate an alert the therapist acknowledged', async () => {
    const { assessmentId } = await answerItem9();
    await smtp.next(therapist.email);
    await as(test, therapistToken)
      .post(`/api/assessments/${assessmentId}/acknowledge-risk`)
      .send({ note: 'Called the client; safety plan reviewed.' })
      .expect((response) => {
        if (response.status >= 300) throw new Error(`acknowledge: ${response.status}`);
      });
    const before = smtp.to(admin.email).length;
    test.app.get(Clock).advance(25 * HOUR);
    await test.app.get(JobQueue).wake();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to(admin.email)).toHaveLength(before);
    const [stopped] = await test.dataSource.query<{ status: string }[]>(
      `SELECT m.status FROM planned_messages m JOIN risk_flags f ON f.id = m.subject_id
        WHERE f.assessment_id = $1 AND m.kind = 'risk_alert_escalation'`,
      [assessmentId],
    );
    expect(stopped?.status).toBe('stopped');
  });

  it('retries while SMTP is down and delivers once it is up', async () => {
    // Both tries of the first attempt fail; the retry a minute later (app clock) goes through.
    smtp.failTemporarily(2);
    await answerItem9();
    await eventually(async () => {
      const all = await rows('risk_alert');
      const last = all[all.length - 1];
      return last?.status === 'planned' && last.attempts === 1;
    });
    expect(smtp.to(therapist.email).filter((m) => !m.raw.includes('pm-'))).toHaveLength(0);
    test.app.get(Clock).advance(61_000);
    const mail = await smtp.next(therapist.email);
    expect(mail.subject).toBe('A response in Cairn needs your attention');
    const last = await eventually(async () => {
      const all = await rows('risk_alert');
      const found = all[all.length - 1];
      return found?.status === 'sent' && found;
    });
    expect(last).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a message failed and dead-letters it after the last try', async () => {
    smtp.failTemporarily(1000);
    try {
      await answerItem9();
      const clock = test.app.get(Clock);
      for (const attempt of [1, 2]) {
        await eventually(async () => {
          const all = await rows('risk_alert');
          return all[all.length - 1]?.attempts === attempt;
        });
        await eventually(async () => {
          const all = await rows('risk_alert');
          return all[all.length - 1]?.status === 'planned';
        });
        clock.advance(121_000);
      }
      await eventually(async () => {
        const all = await rows('risk_alert');
        return all[all.length - 1]?.status === 'failed';
      });
      const all = await rows('risk_alert');
      expect(all[all.length - 1]).toMatchObject({ status: 'failed', attempts: 3 });
      const dead = await eventually(async () => {
        const [found] = await test.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'messages-dead'`,
        );
        return found && found.n > 0 ? found.n : null;
      });
      expect(dead).toBe(1);
    } finally {
      smtp.failTemporarily(0);
    }
  });
});

describe('Two workers on one database', () => {
  it('never send the same message twice', async () => {
    const smtp = await startTestSmtpServer();
    const first = await createTestApp(WORKER_ENV(smtp));
    const second = await startTestApp(
      { ...first.database, drop: () => Promise.resolve() },
      WORKER_ENV(smtp),
    );
    try {
      const clinic = await createClinic(first.dataSource, { name: 'Hillside' });
      const therapists: User[] = [];
      for (let i = 0; i < 6; i++) {
        therapists.push(
          await createUser(first.dataSource, clinic, 'therapist', { dailyDigestOptOut: true }),
        );
      }
      // Forty alerts planned at once, due now, for both workers to race over.
      for (let i = 0; i < 40; i++) {
        const therapist = therapists[i % therapists.length];
        await first.dataSource.query(
          `INSERT INTO planned_messages (clinic_id, kind, recipient_user_id, dedup_key, due_at)
           VALUES ($1, 'risk_alert', $2, $3, now())`,
          [clinic.id, therapist.id, `race-${i}`],
        );
      }
      await first.app.get(JobQueue).wake();
      await second.app.get(JobQueue).wake();
      await eventually(async () => {
        const [left] = await first.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM planned_messages WHERE status <> 'sent'`,
        );
        return left?.n === 0;
      }, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = smtp.received.map((mail) => mail.parsed.messageId);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    } finally {
      await second.close();
      await first.close();
      await smtp.close();
    }
  }, 60_000);
});
