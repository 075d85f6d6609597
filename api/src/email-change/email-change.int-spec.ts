import { EMAIL_CHANGE_ACCEPTED } from '@cairn/contracts';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { INDISCREET_WORDS } from '../mail/mail-content';
import { MailService } from '../mail/mail.service';
import { EMAIL_CHANGE_UNUSABLE } from './email-change.service';

const tokenIn = (text: string) => /\/email-change#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('Changing the sign-in email', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      PUBLIC_URL: 'https://cairn.example.org',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
    });
    clinic = await createClinic(test.dataSource);
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const ask = (token: string, body: object) =>
    as(test, token).post('/api/auth/email-change').send(body);
  const confirm = (token: string) =>
    test.http.post('/api/auth/email-change/confirm').send({ token });
  const settled = () => test.app.get(MailService).settled();

  it('needs the password and a link opened at the new address; the old address is told', async () => {
    const user = await createUser(test.dataSource, clinic, 'therapist', {
      displayName: 'Ana Ruiz',
    });
    const { token } = await signIn(test, user.email);

    await ask(token, { password: 'not my password', newEmail: 'ana.new@example.org' }).expect(400);
    await settled();
    expect(smtp.to('ana.new@example.org')).toHaveLength(0);

    const answer = await ask(token, { password: TEST_PASSWORD, newEmail: 'Ana.New@Example.org' });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual(EMAIL_CHANGE_ACCEPTED);
    const mail = await smtp.next('ana.new@example.org');
    expect(mail.subject).toBe('Confirm your new email address');
    expect(mail.text).not.toMatch(INDISCREET_WORDS);
    const link = tokenIn(mail.text);
    // Nothing changes until the link is opened.
    await signIn(test, user.email);

    await confirm(link).expect(204);
    expect((await confirm(link).expect(400)).body.message).toBe(EMAIL_CHANGE_UNUSABLE);
    await signIn(test, 'ana.new@example.org');
    await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    const notice = await smtp.next(user.email);
    expect(notice.subject).toBe('Your sign-in email was changed');
    expect(notice.text).toContain('ana.new@example.org');
  });

  it('moves a client file with its portal account, and refuses an expired link', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const portal = await createUser(test.dataSource, clinic, 'client', {
      displayName: 'Jordan Rivera',
    });
    const file = await createClient(test.dataSource, clinic, {
      legalName: 'Jordan Rivera',
      email: portal.email,
      primaryTherapistId: therapist.id,
      portalUserId: portal.id,
    });
    const { token } = await signIn(test, portal.email);
    await ask(token, { password: TEST_PASSWORD, newEmail: 'jordan.new@example.net' }).expect(202);
    const first = tokenIn((await smtp.next('jordan.new@example.net')).text);
    await test.dataSource.query(
      `UPDATE email_changes SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [portal.id],
    );
    await confirm(first).expect(400);

    await ask(token, { password: TEST_PASSWORD, newEmail: 'jordan.new@example.net' }).expect(202);
    await confirm(tokenIn((await smtp.next('jordan.new@example.net')).text)).expect(204);
    const [row] = await test.dataSource.query<{ email: string }[]>(
      'SELECT email FROM clients WHERE id = $1',
      [file.id],
    );
    expect(row?.email).toBe('jordan.new@example.net');
  });

  it('answers alike for an address another account uses, and sends it nothing', async () => {
    const user = await createUser(test.dataSource, clinic, 'therapist');
    const other = await createUser(test.dataSource, clinic, 'therapist');
    const { token } = await signIn(test, user.email);
    const answer = await ask(token, { password: TEST_PASSWORD, newEmail: other.email });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual(EMAIL_CHANGE_ACCEPTED);
    await settled();
    expect(smtp.to(other.email)).toHaveLength(0);
  });

  it('counts wrong passwords toward the sign-in lock, so a stolen session cannot guess here', async () => {
    const user = await createUser(test.dataSource, clinic, 'therapist');
    const { token } = await signIn(test, user.email);
    const wrong = () => ask(token, { password: 'a guess', newEmail: 'guess@example.org' });
    for (let n = 0; n < 5; n++) {
      const refused = await wrong().expect(400);
      expect(refused.body.message).toBe('The password is not correct.');
    }
    // Five wrong ones lock the address: the right password is refused now, and so is signing in.
    await ask(token, { password: TEST_PASSWORD, newEmail: 'guess@example.org' }).expect(429);
    await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    await settled();
    expect(smtp.to('guess@example.org')).toHaveLength(0);
  });

  it('refuses bad input naming the field', async () => {
    const user = await createUser(test.dataSource, clinic, 'therapist');
    const { token } = await signIn(test, user.email);
    const bad = await ask(token, { password: TEST_PASSWORD, newEmail: 'nope' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('newEmail');
    await confirm('short').expect(400);
    expect((await confirm('B'.repeat(43)).expect(400)).body.message).toBe(EMAIL_CHANGE_UNUSABLE);
  });
});
