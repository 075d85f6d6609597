import { CSRF_HEADER, PASSWORD_RESET_ACCEPTED } from '@cairn/contracts';
import { createClinic, createUser, signIn, TEST_PASSWORD } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { INDISCREET_WORDS } from '../mail/mail-content';
import { MailService } from '../mail/mail.service';
import type { User } from '../users/entities/user.entity';
import { RESET_UNUSABLE } from './password-reset.service';

const NEW_PASSWORD = 'a brand new passphrase';
const tokenIn = (text: string) => /\/reset#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('Password reset by email', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({
      PUBLIC_URL: 'https://cairn.example.org',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
      PASSWORD_RESET_PER_IP_PER_HOUR: '1000',
    });
    clinic = await createClinic(test.dataSource);
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const ask = (email: string) =>
    test.http.post('/api/auth/password-reset').send({ email }).expect(202);
  const confirm = (token: string, password = NEW_PASSWORD) =>
    test.http.post('/api/auth/password-reset/confirm').send({ token, password });
  const settled = () => test.app.get(MailService).settled();
  const therapist = () =>
    createUser(test.dataSource, clinic, 'therapist', { displayName: 'Ana Ruiz' });

  it('mails a one-time link that sets the password, ends every session and sends a notice', async () => {
    const user = await therapist();
    const before = await signIn(test, user.email);

    const answer = await ask(user.email.toUpperCase());
    expect(answer.body).toEqual(PASSWORD_RESET_ACCEPTED);
    const mail = await smtp.next(user.email);
    expect(mail.subject).toBe('Reset your password');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
      expect(part).not.toContain(clinic.name);
    }
    expect(mail.subject).not.toContain(user.displayName);
    expect(mail.text).toContain('30 minutes');
    const token = tokenIn(mail.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`https://cairn.example.org/reset#token=${token}`);
    expect(mail.html).toContain(`href="https://cairn.example.org/reset#token=${token}"`);
    // Only the hash is stored.
    const stored = await test.dataSource.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM password_resets WHERE user_id = $1',
      [user.id],
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    await confirm(token).expect(204);
    // The link works once.
    expect((await confirm(token, 'yet another passphrase').expect(400)).body.message).toBe(
      RESET_UNUSABLE,
    );
    // The session from before the reset is over.
    await test.http
      .post('/api/auth/refresh')
      .set('Cookie', before.refreshCookie)
      .set(CSRF_HEADER, '1')
      .expect(401);
    await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    await signIn(test, user.email, NEW_PASSWORD);

    const notice = await smtp.next(user.email);
    expect(notice.subject).toBe('Your password was changed');
    expect(notice.text).not.toMatch(INDISCREET_WORDS);
    expect(notice.text).not.toContain('#token=');
  });

  it('answers an unknown address exactly like a known one, in comparable time, and sends nothing', async () => {
    const user = await therapist();
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const response = await ask(email);
      return {
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        body: response.text,
        type: response.headers['content-type'],
      };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let round = 0; round < 3; round++) {
      const a = await timed(user.email);
      const b = await timed(`nobody-${round}@example.org`);
      expect(b.body).toBe(a.body);
      expect(b.type).toBe(a.type);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[1] ?? 0;
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(100);
    await settled();
    expect(smtp.to('nobody-0@example.org')).toHaveLength(0);
    expect(smtp.to('nobody-1@example.org')).toHaveLength(0);
    expect(smtp.to(user.email)).toHaveLength(3);
  });

  it('kills a link when a newer one is sent, and one whose time is up', async () => {
    const user = await therapist();
    await ask(user.email);
    const first = tokenIn((await smtp.next(user.email)).text);
    await ask(user.email);
    const second = tokenIn((await smtp.next(user.email)).text);
    expect(second).not.toBe(first);
    await confirm(first).expect(400);

    await test.dataSource.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect((await confirm(second).expect(400)).body.message).toBe(RESET_UNUSABLE);
    // Nothing changed: the old password still signs in.
    await signIn(test, user.email);
  });

  it('sends nothing to a deactivated account and after the limit for one address', async () => {
    const inactive = await therapist();
    await test.dataSource.query('UPDATE users SET is_active = false WHERE id = $1', [inactive.id]);
    await ask(inactive.email);

    const user = await therapist();
    for (let i = 0; i < 5; i++) await ask(user.email);
    await settled();
    expect(smtp.to(inactive.email)).toHaveLength(0);
    // Three per hour per address; the fourth and fifth were answered alike and sent nothing.
    expect(smtp.to(user.email)).toHaveLength(3);
  });

  it('refuses bad input naming the field, and forged tokens', async () => {
    const missing = await test.http.post('/api/auth/password-reset').send({}).expect(400);
    expect(JSON.stringify(missing.body)).toContain('email');
    const weak = await confirm('A'.repeat(43), 'short').expect(400);
    expect(JSON.stringify(weak.body)).toContain('password');
    const badToken = await confirm('not a token!').expect(400);
    expect(JSON.stringify(badToken.body)).toContain('token');
    expect((await confirm('A'.repeat(43)).expect(400)).body.message).toBe(RESET_UNUSABLE);
  });

  it('records the request and the reset in the audit trail, and each mail in the delivery log', async () => {
    const user: User = await therapist();
    await ask(user.email);
    await confirm(tokenIn((await smtp.next(user.email)).text)).expect(204);
    await settled();
    const actions = await test.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
      [user.id],
    );
    expect(actions.map((row) => row.action)).toEqual([
      'auth.password_reset_requested',
      'auth.password_reset',
    ]);
    const kinds = await test.dataSource.query<{ kind: string; outcome: string }[]>(
      `SELECT kind, outcome FROM mail_deliveries WHERE recipient = $1 ORDER BY created_at`,
      [user.email],
    );
    expect(kinds).toEqual([
      { kind: 'password_reset', outcome: 'sent' },
      { kind: 'password_changed', outcome: 'sent' },
    ]);
  });
});

describe('Password reset rate limit per IP address', () => {
  it('answers 429 past the limit, kept in PostgreSQL', async () => {
    const test = await createTestApp({ PASSWORD_RESET_PER_IP_PER_HOUR: '2' });
    try {
      for (let i = 0; i < 2; i++) {
        await test.http
          .post('/api/auth/password-reset')
          .send({ email: `someone-${i}@example.org` })
          .expect(202);
      }
      await test.http
        .post('/api/auth/password-reset')
        .send({ email: 'someone-else@example.org' })
        .expect(429);
      const [row] = await test.dataSource.query<{ request_count: number }[]>(
        `SELECT request_count FROM password_reset_throttles WHERE throttle_key LIKE 'ip:%'`,
      );
      expect(row?.request_count).toBe(3);
    } finally {
      await test.close();
    }
  });
});
