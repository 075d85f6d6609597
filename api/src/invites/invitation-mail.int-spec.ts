import type { PortalInvite, StaffCreated } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { freePort } from '../../test/free-port';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { INDISCREET_WORDS } from '../mail/mail-content';
import { MailService } from '../mail/mail.service';
import type { User } from '../users/entities/user.entity';

const linkIn = (text: string) => /https?:\/\/\S+#invite=[A-Za-z0-9_-]+/.exec(text)?.[0] ?? '';
const tokenOf = (url: string) => new URL(url).hash.replace('#invite=', '');

describe('Invitations by email', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let therapist: User;
  let adminToken: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      PUBLIC_URL: 'https://cairn.example.org',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
    });
    clinic = await createClinic(test.dataSource);
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    adminToken = (await signIn(test, admin.email)).token;
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const accept = (token: string) =>
    test.http.post('/api/auth/accept-invite').send({ token, password: 'my own long passphrase' });

  it('mails a client the portal link, discreetly; the link works once', async () => {
    const client = await createClient(test.dataSource, clinic, {
      legalName: 'Jordan Rivera',
      email: 'jordan.rivera@example.net',
      primaryTherapistId: therapist.id,
    });
    const invite = (
      await as(test, adminToken).post(`/api/clients/${client.id}/portal-invite`).expect(201)
    ).body as PortalInvite;

    const mail = await smtp.next('jordan.rivera@example.net');
    // From the clinic by its name, from the configured address.
    expect(mail.parsed.from?.value).toEqual([
      { name: clinic.name, address: 'no-reply@riverside.example' },
    ]);
    expect(mail.subject).toBe('Set up your account');
    expect(mail.subject).not.toMatch(/Jordan|Rivera/);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toMatch(/Riverside|Counselling/);
    }
    expect(mail.raw).toMatch(/^List-Unsubscribe: <mailto:/m);
    // Both parts carry the link, and it is the one the admin was shown as a fallback.
    const link = linkIn(mail.text);
    expect(link).toBe(invite.inviteUrl);
    expect(mail.html).toContain(`href="${link}"`);

    await accept(tokenOf(link)).expect(200);
    await accept(tokenOf(link)).expect(400);
  });

  it('mails a new staff member their invitation', async () => {
    const created = (
      await as(test, adminToken)
        .post('/api/staff')
        .send({ email: 'sam@clinic.example', displayName: 'Sam Lindqvist', role: 'therapist' })
        .expect(201)
    ).body as StaffCreated;
    const mail = await smtp.next('sam@clinic.example');
    expect(mail.subject).toBe('Your new account');
    expect(mail.text).toContain('Hello Sam Lindqvist,');
    expect(mail.text).not.toMatch(INDISCREET_WORDS);
    // Staff mail is not a mailing list.
    expect(mail.raw).not.toMatch(/^List-Unsubscribe:/m);
    expect(linkIn(mail.text)).toBe(created.invite.inviteUrl);
    await test.app.get(MailService).settled();
    const [row] = await test.dataSource.query<{ kind: string; outcome: string }[]>(
      `SELECT kind, outcome FROM mail_deliveries WHERE recipient = 'sam@clinic.example'`,
    );
    expect(row).toEqual({ kind: 'staff_invitation', outcome: 'sent' });
  });

  it('sends nothing when the invitation fails (the transaction rolled back)', async () => {
    const before = smtp.received.length;
    await as(test, adminToken)
      .post('/api/staff')
      .send({ email: admin.email, displayName: 'Someone Else', role: 'therapist' })
      .expect(400);
    await test.app.get(MailService).settled();
    expect(smtp.received.length).toBe(before);
  });
});

describe('Invitations while the mail server is down', () => {
  it('answers at once, shows the link, and records the failed delivery after the retries', async () => {
    const test = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      MAIL_FROM: 'no-reply@riverside.example',
      MAIL_RETRY_DELAYS_MS: '300,300',
    });
    try {
      const clinic = await createClinic(test.dataSource);
      const admin = await createUser(test.dataSource, clinic, 'admin');
      const token = (await signIn(test, admin.email)).token;
      const started = Date.now();
      const created = (
        await as(test, token)
          .post('/api/staff')
          .send({ email: 'kit@clinic.example', displayName: 'Kit Moreau', role: 'therapist' })
          .expect(201)
      ).body as StaffCreated;
      // The answer did not wait for the two retries.
      expect(Date.now() - started).toBeLessThan(500);
      expect(created.invite.inviteUrl).toContain('#invite=');
      await test.app.get(MailService).settled();
      const [row] = await test.dataSource.query<{ outcome: string; attempts: number }[]>(
        `SELECT outcome, attempts FROM mail_deliveries WHERE recipient = 'kit@clinic.example'`,
      );
      expect(row).toEqual({ outcome: 'failed', attempts: 3 });
    } finally {
      await test.close();
    }
  });
});
