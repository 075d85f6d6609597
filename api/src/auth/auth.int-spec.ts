import { CSRF_HEADER, type AccessTokenResponse } from '@cairn/contracts';
import { createHmac } from 'node:crypto';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AuthSession } from './entities/auth-session.entity';
import {
  createClinic,
  createUser,
  refreshCookieOf,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const WRONG = 'Email or password is incorrect.';

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

describe('Sign-in, sessions and tokens', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
  });
  afterAll(() => test.close());

  const auditActions = async (userId?: string) =>
    (
      await test.dataSource.manager.find(AuditEvent, {
        where: userId ? { userId } : {},
        order: { occurredAt: 'ASC' },
      })
    ).map((event) => event.action);

  describe('POST /api/auth/login', () => {
    it('returns a short-lived access token, the user and an httpOnly SameSite=Strict refresh cookie', async () => {
      const response = await test.http
        .post('/api/auth/login')
        .send({ email: therapist.email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
      const body = response.body as AccessTokenResponse;
      expect(body.expiresIn).toBe(900);
      expect(body.user).toMatchObject({
        id: therapist.id,
        role: 'therapist',
        clinicName: clinic.name,
        clinicTimeZone: 'America/Chicago',
      });
      expect(body.user).not.toHaveProperty('passwordHash');

      const [header, payload] = body.accessToken.split('.');
      expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({
        alg: 'HS256',
      });
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as {
        exp: number;
        iat: number;
      };
      expect(claims.exp - claims.iat).toBe(900);

      const cookie = ([] as string[])
        .concat(response.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('cairn_refresh='));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/api\/auth/);
      // In seconds: the session's absolute lifetime, no more (a cookie in milliseconds would
      // outlive it a thousandfold).
      expect(cookie).toContain(`Max-Age=${test.config.refreshAbsoluteHours * 3600};`);
      const expires = Date.parse(/Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? '');
      expect(
        Math.abs(expires - Date.now() - test.config.refreshAbsoluteHours * 3_600_000),
      ).toBeLessThan(60_000);
      expect(await auditActions(therapist.id)).toContain('auth.signed_in');
    });

    it('answers a wrong password and an unknown email with the same 401 and no cookie', async () => {
      const wrong = await test.http
        .post('/api/auth/login')
        .send({ email: therapist.email, password: 'not-the-password' })
        .expect(401);
      const unknown = await test.http
        .post('/api/auth/login')
        .send({ email: 'nobody@example.test', password: 'whatever-pass' })
        .expect(401);
      expect(wrong.body.message).toBe(WRONG);
      expect(unknown.body.message).toBe(WRONG);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(JSON.stringify(unknown.body)).not.toMatch(/stack|at Object/);

      const failures = await test.dataSource.manager.find(AuditEvent, {
        where: { action: 'auth.sign_in_failed' },
      });
      expect(failures.map((event) => event.detail?.['reason'])).toEqual(
        expect.arrayContaining(['wrong_password', 'unknown_email']),
      );
    });

    it('refuses a deactivated account with the same answer as a wrong password', async () => {
      const former = await createUser(test.dataSource, clinic, 'therapist', { isActive: false });
      const response = await test.http
        .post('/api/auth/login')
        .send({ email: former.email, password: TEST_PASSWORD })
        .expect(401);
      expect(response.body.message).toBe(WRONG);
    });

    it('names the missing or malformed fields with a 400', async () => {
      const missing = await test.http
        .post('/api/auth/login')
        .send({ email: therapist.email })
        .expect(400);
      expect(missing.body.fields).toEqual([
        { field: 'password', problems: expect.arrayContaining(['password is required']) },
      ]);

      const malformed = await test.http
        .post('/api/auth/login')
        .send({ email: 'not-an-email', password: 'x' })
        .expect(400);
      expect(malformed.body.message).toBe('Invalid input: email.');
    });

    it('refuses unknown fields rather than ignoring them', async () => {
      const response = await test.http
        .post('/api/auth/login')
        .send({ email: therapist.email, password: TEST_PASSWORD, role: 'admin' })
        .expect(400);
      expect(response.body.fields).toEqual([
        { field: 'role', problems: ['property role should not exist'] },
      ]);
    });

    it('answers malformed JSON with a 400 that says so', async () => {
      const response = await test.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "a@b.c", "password": ')
        .expect(400);
      // Refused by the server before any route runs, yet in the same shape and headers.
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is not valid JSON.',
        requestId: response.headers['x-request-id'],
      });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });

    it('refuses a body over the size limit with 413', async () => {
      await test.http
        .post('/api/auth/login')
        .send({ email: therapist.email, password: 'x'.repeat(300_000) })
        .expect(413);
    });
  });

  describe('lock-out', () => {
    it('locks an address after five failures, even with the right password, and says so with 429', async () => {
      const victim = await createUser(test.dataSource, clinic, 'therapist');
      for (let attempt = 1; attempt <= 4; attempt++) {
        await test.http
          .post('/api/auth/login')
          .send({ email: victim.email, password: 'guess-number-' + attempt })
          .expect(401);
      }
      const fifth = await test.http
        .post('/api/auth/login')
        .send({ email: victim.email, password: 'guess-number-5' })
        .expect(429);
      expect(fifth.body.message).toMatch(/Too many failed sign-in attempts/);

      await test.http
        .post('/api/auth/login')
        .send({ email: victim.email, password: TEST_PASSWORD })
        .expect(429);
      expect(await auditActions(victim.id)).toEqual(
        expect.arrayContaining(['auth.sign_in_failed', 'auth.locked_out']),
      );
    });

    it('locks an unknown address the same way, so a lock-out does not reveal which emails exist', async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await test.http
          .post('/api/auth/login')
          .send({ email: 'ghost@example.test', password: 'guess-' + attempt });
      }
      const response = await test.http
        .post('/api/auth/login')
        .send({ email: 'ghost@example.test', password: 'again-1' })
        .expect(429);
      expect(response.body.message).toMatch(/Too many failed sign-in attempts/);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const user = await createUser(test.dataSource, clinic, 'admin');
      for (let attempt = 1; attempt <= 4; attempt++) {
        await test.http
          .post('/api/auth/login')
          .send({ email: user.email, password: 'typo-' + attempt })
          .expect(401);
      }
      await signIn(test, user.email);
      for (let attempt = 1; attempt <= 4; attempt++) {
        await test.http
          .post('/api/auth/login')
          .send({ email: user.email, password: 'typo-again-' + attempt })
          .expect(401);
      }
    });
  });

  describe('refresh, sign-out and the session', () => {
    const refresh = (cookie: string) =>
      test.http.post('/api/auth/refresh').set('Cookie', cookie).set(CSRF_HEADER, '1');

    it('rotates the refresh token: each token works once and yields a new access token', async () => {
      const session = await signIn(test, therapist.email);
      const first = await refresh(session.refreshCookie).expect(200);
      expect((first.body as AccessTokenResponse).user.id).toBe(therapist.id);
      const rotated = refreshCookieOf(first.headers['set-cookie']);
      expect(rotated).not.toBe(session.refreshCookie);

      await test.http
        .get('/api/auth/me')
        .auth((first.body as AccessTokenResponse).accessToken, { type: 'bearer' })
        .expect(200);
      await refresh(rotated).expect(200);
    });

    it('treats a reused older refresh token as theft: the whole family is revoked and audited', async () => {
      const session = await signIn(test, therapist.email);
      const second = refreshCookieOf(
        (await refresh(session.refreshCookie).expect(200)).headers['set-cookie'],
      );
      const next = refreshCookieOf((await refresh(second).expect(200)).headers['set-cookie']);

      const replay = await refresh(session.refreshCookie).expect(401);
      expect(replay.body.message).toBe('Your session has ended. Please sign in again.');
      // The legitimate holder's newer token dies with the family, and so does the access token.
      await refresh(next).expect(401);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(401);
      expect(await auditActions(therapist.id)).toContain('auth.refresh_reused');
    });

    it('refuses a refresh without the anti-CSRF header', async () => {
      const session = await signIn(test, therapist.email);
      const response = await test.http
        .post('/api/auth/refresh')
        .set('Cookie', session.refreshCookie)
        .expect(403);
      expect(response.body.message).toMatch(/x-cairn-csrf/);
    });

    it('ends a session that has not been refreshed for 30 minutes', async () => {
      const session = await signIn(test, therapist.email);
      await test.dataSource.manager.update(
        AuthSession,
        { id: sessionIdOf(session.token) },
        { lastUsedAt: new Date(Date.now() - 31 * 60_000) },
      );
      await refresh(session.refreshCookie).expect(401);
    });

    it('ends a session 12 hours after sign-in however active it is', async () => {
      const session = await signIn(test, therapist.email);
      await test.dataSource.manager.update(
        AuthSession,
        { id: sessionIdOf(session.token) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      await refresh(session.refreshCookie).expect(401);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(401);
    });

    it('signs out on the server: the refresh cookie and the access token stop working at once', async () => {
      const session = await signIn(test, therapist.email);
      const response = await test.http
        .post('/api/auth/logout')
        .set('Cookie', session.refreshCookie)
        .set(CSRF_HEADER, '1')
        .expect(204);
      expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).join()).toMatch(
        /cairn_refresh=;/,
      );
      await refresh(session.refreshCookie).expect(401);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(401);
      expect(await auditActions(therapist.id)).toContain('auth.signed_out');
    });

    it('cuts off a deactivated user at their next request', async () => {
      const leaving = await createUser(test.dataSource, clinic, 'therapist');
      const session = await signIn(test, leaving.email);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(200);
      await test.dataSource.query('UPDATE users SET is_active = false WHERE id = $1', [leaving.id]);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(401);
    });
  });

  describe('GET /api/auth/me and tampered tokens', () => {
    it('returns the signed-in user and role', async () => {
      const session = await signIn(test, therapist.email);
      const response = await test.http
        .get('/api/auth/me')
        .auth(session.token, { type: 'bearer' })
        .expect(200);
      expect(response.body).toEqual({
        id: therapist.id,
        email: therapist.email,
        displayName: therapist.displayName,
        role: 'therapist',
        clinicId: clinic.id,
        clinicName: clinic.name,
        clinicTimeZone: 'America/Chicago',
        idleTimeoutMinutes: 15,
      });
    });

    it('asks for sign-in when there is no token', async () => {
      const response = await test.http.get('/api/auth/me').expect(401);
      expect(response.body.message).toBe('Please sign in.');
    });

    it('refuses an alg:none token and audits it', async () => {
      const session = await signIn(test, therapist.email);
      const [, payload] = session.token.split('.');
      const forged = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
      await test.http.get('/api/auth/me').auth(forged, { type: 'bearer' }).expect(401);
      expect(await auditActions()).toContain('auth.token_rejected');
    });

    it('refuses a token signed with another key, or with its payload edited', async () => {
      const session = await signIn(test, therapist.email);
      const [header, payload] = session.token.split('.');
      const otherKey = createHmac('sha256', 'not-the-server-key')
        .update(`${header}.${payload}`)
        .digest('base64url');
      await test.http
        .get('/api/auth/me')
        .auth(`${header}.${payload}.${otherKey}`, { type: 'bearer' })
        .expect(401);

      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const edited = base64url({ ...claims, sub: '00000000-0000-0000-0000-000000000000' });
      const signature = session.token.split('.')[2];
      await test.http
        .get('/api/auth/me')
        .auth(`${header}.${edited}.${signature}`, { type: 'bearer' })
        .expect(401);
    });

    it('refuses an expired token with a message saying so', async () => {
      const session = await signIn(test, therapist.email);
      const [header, payload] = session.token.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
        string,
        number
      >;
      const expiredPayload = base64url({
        ...claims,
        iat: (claims['iat'] ?? 0) - 3600,
        exp: (claims['iat'] ?? 0) - 1800,
      });
      const signature = createHmac('sha256', test.config.jwtSecret)
        .update(`${header}.${expiredPayload}`)
        .digest('base64url');
      const response = await test.http
        .get('/api/auth/me')
        .auth(`${header}.${expiredPayload}.${signature}`, { type: 'bearer' })
        .expect(401);
      expect(response.body.message).toBe('Your access token has expired.');
    });
  });

  describe('POST /api/auth/password', () => {
    it('changes the password and ends every session of the account', async () => {
      const user = await createUser(test.dataSource, clinic, 'client');
      const here = await signIn(test, user.email);
      const elsewhere = await signIn(test, user.email);

      await test.http
        .post('/api/auth/password')
        .auth(here.token, { type: 'bearer' })
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-much-better-passphrase' })
        .expect(204);

      await test.http.get('/api/auth/me').auth(elsewhere.token, { type: 'bearer' }).expect(401);
      await test.http
        .post('/api/auth/refresh')
        .set('Cookie', here.refreshCookie)
        .set(CSRF_HEADER, '1')
        .expect(401);
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(401);
      await signIn(test, user.email, 'a-much-better-passphrase');
      expect(await auditActions(user.id)).toContain('auth.password_changed');
    });

    it('refuses a wrong current password or a short new one, and keeps the old password', async () => {
      const user = await createUser(test.dataSource, clinic, 'client');
      const session = await signIn(test, user.email);
      const wrong = await test.http
        .post('/api/auth/password')
        .auth(session.token, { type: 'bearer' })
        .send({ currentPassword: 'not-my-password', newPassword: 'another-long-passphrase' })
        .expect(400);
      expect(wrong.body.message).toBe('The current password is not correct.');

      const short = await test.http
        .post('/api/auth/password')
        .auth(session.token, { type: 'bearer' })
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(short.body.fields).toEqual([
        { field: 'newPassword', problems: ['newPassword must be at least 12 characters'] },
      ]);
      await signIn(test, user.email);
    });
  });
});

function sessionIdOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sid: string }).sid;
}
