import type { BookingResult } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { INDISCREET_WORDS } from '../mail/mail-content';
import type { User } from '../users/entities/user.entity';

const MINUTE = 60_000;

/**
 * Appointment reminders through pg-boss, the dispatcher and a real SMTP server, in a New York
 * clinic across the end of daylight saving time (Sunday 7 November 2027), with the clock moved.
 */
describe('Appointment reminders', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let therapist: User;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      WORKERS: 'on',
      JOBS_TICK_MS: '200',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
    });
    clinic = await createClinic(test.dataSource, {
      name: 'Riverside',
      timeZone: 'America/New_York',
    });
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, admin.email)).token;
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  async function client(consent: boolean, email: string) {
    return createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      email,
      reminderConsent: consent,
      status: 'active',
    });
  }

  async function book(clientId: string, start: string, end: string): Promise<string> {
    const response = await as(test, token)
      .post('/api/appointments')
      .send({
        therapistId: therapist.id,
        kind: 'session',
        start,
        end,
        clientIds: [clientId],
        overrideReason: 'test booking outside hours',
      })
      .expect(201);
    return (response.body as BookingResult).appointments[0]?.id ?? '';
  }

  const planned = (appointmentId: string) =>
    test.dataSource.query<{ status: string; due_at: Date; held_until: Date | null }[]>(
      `SELECT status, due_at, held_until FROM planned_messages
        WHERE subject_id = $1 ORDER BY due_at`,
      [appointmentId],
    );

  /**
   * The dispatcher marks a message sent once the mail server has taken it, so a test that has
   * just received the mail waits (a few seconds at most) for no message to be left sending.
   */
  async function settled(appointmentId: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const statuses = (await planned(appointmentId)).map((row) => row.status);
      if (!statuses.includes('sending')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function quietly(ms = 1_500) {
    await test.app.get(JobQueue).wake();
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  it('sends at the right local times across the DST change, outside quiet hours, after the hold', async () => {
    const clock = test.app.get(Clock);
    clock.set(new Date('2027-10-31T16:00:00Z'));
    const jordan = await client(true, 'jordan@example.org');
    // Monday 8 November 09:00 in New York (EST, UTC-5): the clocks went back on the Sunday.
    const id = await book(jordan.id, '2027-11-08T14:00:00Z', '2027-11-08T14:50:00Z');
    const rows = await planned(id);
    // 48 h before keeps the local time: Saturday 6 November 09:00 EDT (13:00Z), not 10:00.
    // 2 h before is 07:00, inside quiet hours (21:00-08:00): it goes at their end, 08:00 EST.
    expect(rows.map((row) => row.due_at.toISOString())).toEqual([
      '2027-11-06T13:00:00.000Z',
      '2027-11-08T13:00:00.000Z',
    ]);
    // Held for the clinic's five minutes after booking.
    expect(rows.every((row) => row.status === 'held')).toBe(true);
    const heldFor = (rows[0]?.held_until?.getTime() ?? 0) - Date.parse('2027-10-31T16:00:00Z');
    expect(Math.abs(heldFor - 5 * MINUTE)).toBeLessThan(5_000);

    clock.set(new Date('2027-11-06T12:59:00Z'));
    await quietly();
    expect(smtp.to('jordan@example.org')).toHaveLength(0);
    clock.set(new Date('2027-11-06T13:00:30Z'));
    const first = await smtp.next('jordan@example.org');
    expect(first.text).toContain('You have an appointment on Mon 8 Nov at 09:00 with Riverside.');
    expect(first.parsed.from?.value[0]?.name).toBe('Riverside');
    for (const part of [first.subject, first.text]) expect(part).not.toMatch(INDISCREET_WORDS);
    expect(first.subject).not.toMatch(/Jordan|Riverside/);
    expect(first.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    clock.set(new Date('2027-11-08T13:00:30Z'));
    const second = await smtp.next('jordan@example.org');
    expect(second.text).toContain('Mon 8 Nov at 09:00');
    expect(smtp.to('jordan@example.org')).toHaveLength(2);
  });

  it('holds a new booking: a move within the hold sends one reminder, for the new time', async () => {
    const clock = test.app.get(Clock);
    clock.set(new Date('2027-12-01T14:50:00Z'));
    const sam = await client(true, 'sam@example.org');
    // Wednesday 1 December 12:00 EST: the 2 h reminder is due in ten minutes (10:00 EST).
    const id = await book(sam.id, '2027-12-01T17:00:00Z', '2027-12-01T17:50:00Z');
    clock.advance(2 * MINUTE);
    await as(test, token)
      .patch(`/api/appointments/${id}`)
      .send({
        start: '2027-12-01T18:00:00Z',
        end: '2027-12-01T18:50:00Z',
        overrideReason: 'moved',
      })
      .expect(200);
    const rows = await planned(id);
    expect(rows.map((row) => row.status).sort()).toEqual(['held', 'stopped']);
    clock.set(new Date('2027-12-01T15:00:30Z'));
    await quietly();
    // The first time's reminder was stopped by the move: nothing at 10:00.
    expect(smtp.to('sam@example.org')).toHaveLength(0);
    clock.set(new Date('2027-12-01T16:00:30Z'));
    const mail = await smtp.next('sam@example.org');
    expect(mail.text).toContain('at 13:00');
    await quietly();
    expect(smtp.to('sam@example.org')).toHaveLength(1);
  });

  it('sends nothing for a cancelled appointment or a client who did not consent', async () => {
    const clock = test.app.get(Clock);
    clock.set(new Date('2027-12-05T15:00:00Z'));
    const ana = await client(true, 'ana@example.org');
    const lee = await client(false, 'lee@example.org');
    const cancelled = await book(ana.id, '2027-12-09T15:00:00Z', '2027-12-09T15:50:00Z');
    const noConsent = await book(lee.id, '2027-12-09T17:00:00Z', '2027-12-09T17:50:00Z');
    await as(test, token)
      .post(`/api/appointments/${cancelled}/cancel`)
      .send({ reason: 'client asked' })
      .expect(200);
    expect((await planned(cancelled)).every((row) => row.status === 'stopped')).toBe(true);
    expect(await planned(noConsent)).toHaveLength(0);
    clock.set(new Date('2027-12-09T16:00:00Z'));
    await quietly();
    expect(smtp.to('ana@example.org')).toHaveLength(0);
    expect(smtp.to('lee@example.org')).toHaveLength(0);
  });

  it('stops reminders from the link: opening it asks, the one-click POST stops', async () => {
    const clock = test.app.get(Clock);
    clock.set(new Date('2027-12-10T15:00:00Z'));
    const kim = await client(true, 'kim@example.org');
    const id = await book(kim.id, '2027-12-14T15:00:00Z', '2027-12-14T15:50:00Z');
    clock.set(new Date('2027-12-12T15:00:30Z'));
    const mail = await smtp.next('kim@example.org');
    await settled(id);
    const link = /To stop these reminders: (\S+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    const path = new URL(link ?? '').pathname + new URL(link ?? '').search;
    const page = await test.http.get(path).expect(200);
    expect(page.text).toContain('<form method="post"');
    // Opening the link (as a scanner would) stopped nothing.
    expect((await planned(id)).map((row) => row.status)).not.toContain('stopped');
    // What a mail client's unsubscribe button sends (RFC 8058).
    await test.http.post(path).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await planned(id)).map((row) => row.status).sort()).toEqual(['sent', 'stopped']);
    const [row] = await test.dataSource.query<{ consent: boolean }[]>(
      'SELECT reminder_consent AS consent FROM clients WHERE id = $1',
      [kim.id],
    );
    expect(row?.consent).toBe(false);
    clock.set(new Date('2027-12-14T13:00:30Z'));
    await quietly();
    expect(smtp.to('kim@example.org')).toHaveLength(1);
  });
});
