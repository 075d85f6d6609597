import type { BookingResult, ClientMessages } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Clock } from '../jobs/clock';

/** The client file's Messages card: consent and the latest messages, to those who may view the file. */
describe('Messages on the client file', () => {
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

  it('shows consent and each message with its times and status, never a body or address', async () => {
    const clock = test.app.get(Clock);
    clock.set(new Date('2028-03-01T14:00:00Z'));
    const clinic = await createClinic(test.dataSource, {
      name: 'Riverside',
      timeZone: 'America/New_York',
    });
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const otherTherapist = await createUser(test.dataSource, clinic, 'therapist');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      email: 'robin@example.org',
      reminderConsent: true,
    });
    const adminToken = (await signIn(test, admin.email)).token;
    // Friday 3 March 11:00 New York: reminders 48 h (Wed 11:00) and 2 h (Fri 09:00) before.
    const booked = await as(test, adminToken)
      .post('/api/appointments')
      .send({
        therapistId: therapist.id,
        kind: 'session',
        start: '2028-03-03T16:00:00Z',
        end: '2028-03-03T16:50:00Z',
        clientIds: [client.id],
        overrideReason: 'test booking outside hours',
      })
      .expect(201);
    expect((booked.body as BookingResult).appointments).toHaveLength(1);

    clock.set(new Date('2028-03-01T16:00:30Z'));
    await smtp.next('robin@example.org');
    let card: ClientMessages | undefined;
    for (let i = 0; i < 50; i++) {
      card = (await as(test, adminToken).get(`/api/clients/${client.id}/messages`).expect(200))
        .body as ClientMessages;
      if (card.messages.some((m) => m.status === 'sent')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(card?.consent).toBe(true);
    // Newest due first: the 2 h reminder still held (it waits out the booking's hold until claimed), the 48 h one sent.
    expect(card?.messages).toEqual([
      expect.objectContaining({
        kind: 'appointment_reminder',
        dueAt: '2028-03-03T14:00:00.000Z',
        status: 'held',
        sentAt: null,
      }),
      expect.objectContaining({
        kind: 'appointment_reminder',
        dueAt: '2028-03-01T16:00:00.000Z',
        status: 'sent',
        sentAt: expect.any(String),
      }),
    ]);
    for (const message of card?.messages ?? []) {
      expect(Object.keys(message).sort()).toEqual(['dueAt', 'id', 'kind', 'sentAt', 'status']);
    }

    // The treating therapist sees it too; a therapist outside the care team does not know the file.
    const therapistToken = (await signIn(test, therapist.email)).token;
    const seen = await as(test, therapistToken)
      .get(`/api/clients/${client.id}/messages`)
      .expect(200);
    expect((seen.body as ClientMessages).messages).toHaveLength(2);
    const outsiderToken = (await signIn(test, otherTherapist.email)).token;
    await as(test, outsiderToken).get(`/api/clients/${client.id}/messages`).expect(404);
    const portal = await createUser(test.dataSource, clinic, 'client');
    const portalToken = (await signIn(test, portal.email)).token;
    await as(test, portalToken).get(`/api/clients/${client.id}/messages`).expect(403);

    // The admin withdraws consent on the file: the card says so and the planned one is stopped.
    await as(test, adminToken)
      .put(`/api/clients/${client.id}/reminder-consent`)
      .send({ consent: false })
      .expect(200);
    const after = (await as(test, adminToken).get(`/api/clients/${client.id}/messages`).expect(200))
      .body as ClientMessages;
    expect(after.consent).toBe(false);
    expect(after.messages.map((m) => m.status)).toEqual(['stopped', 'sent']);
  });
});
