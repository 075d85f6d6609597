import { CSRF_HEADER, type AccessTokenResponse } from '@cairn/contracts';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import {
  createClinic,
  createUser,
  refreshCookieOf,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { createTestApp, startTestApp, type TestApp } from '../../test/test-app';
import { PasswordHasher } from './password-hasher';
import { hashToken } from '../crypto/token-hash';

describe('Sign-in under attack', () => {
  let test: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
  });
  afterAll(() => test.close());

  const login = (email: string, password: string) =>
    test.http.post('/api/auth/login').send({ email, password });

  describe('the lock-out is counted before the password is checked', () => {
    it('checks at most five of fifty simultaneous wrong guesses, and refuses the right one sent with them', async () => {
      const victim = await createUser(test.dataSource, clinic, 'therapist');
      const hasher = test.app.get(PasswordHasher);
      const verify = jest.spyOn(hasher, 'verify');
      try {
        const wrong = Array.from({ length: 50 }, (_, guess) =>
          login(victim.email, `guess-${guess}`).then((response) => response.status),
        );
        // The right password goes out last, in the same burst.
        const right = login(victim.email, TEST_PASSWORD).then((response) => response.status);
        const statuses = await Promise.all([...wrong, right]);
        const checked = verify.mock.calls.length;

        expect(checked).toBeLessThanOrEqual(5);
        const rightStatus = statuses[50];
        // Every guess beyond the five checked was refused as locked, without a check.
        expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(46);
        expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
        // Only the right password can have got in, and only as one of the five checked.
        expect(statuses.slice(0, 50)).not.toContain(200);
        expect([200, 429]).toContain(rightStatus);
      } finally {
        verify.mockRestore();
      }
      const failures = await test.dataSource.manager.find(AuditEvent, {
        where: { action: 'auth.sign_in_failed' },
      });
      const wrongChecked = failures.filter(
        (event) =>
          (event.detail as { email?: string; reason?: string } | null)?.email === victim.email &&
          (event.detail as { reason?: string }).reason === 'wrong_password',
      );
      expect(wrongChecked.length).toBeLessThanOrEqual(5);
    });

    it('refuses the right password when sent after fifty simultaneous wrong ones', async () => {
      const victim = await createUser(test.dataSource, clinic, 'admin');
      const verify = jest.spyOn(test.app.get(PasswordHasher), 'verify');
      try {
        const statuses = await Promise.all(
          Array.from({ length: 50 }, (_, guess) =>
            login(victim.email, `wrong-${guess}`).then((response) => response.status),
          ),
        );
        expect(verify.mock.calls.length).toBe(5);
        expect(statuses.filter((status) => status === 401)).toHaveLength(4);
        expect(statuses.filter((status) => status === 429)).toHaveLength(46);
        await login(victim.email, TEST_PASSWORD).expect(429);
        expect(verify.mock.calls.length).toBe(5);
      } finally {
        verify.mockRestore();
      }
    });
  });

  describe('refresh-token reuse', () => {
    const refresh = (cookie: string) =>
      test.http.post('/api/auth/refresh').set('Cookie', cookie).set(CSRF_HEADER, '1');

    it('keeps the session when the token just exchanged comes back at once (a reload), once', async () => {
      const user = await createUser(test.dataSource, clinic, 'therapist');
      const session = await signIn(test, user.email);
      const first = await refresh(session.refreshCookie).expect(200);
      // The reload lost that answer and sends the same cookie again.
      const again = await refresh(session.refreshCookie).expect(200);
      const graceCookie = refreshCookieOf(again.headers['set-cookie']);
      expect(graceCookie).not.toBe(refreshCookieOf(first.headers['set-cookie']));
      await test.http
        .get('/api/auth/me')
        .auth((again.body as AccessTokenResponse).accessToken, { type: 'bearer' })
        .expect(200);
      // The session goes on from the grace answer's token.
      const onward = refreshCookieOf(
        (await refresh(graceCookie).expect(200)).headers['set-cookie'],
      );
      await refresh(onward).expect(200);
    });

    it('two tabs refreshing with the same cookie at the same moment both stay signed in', async () => {
      const user = await createUser(test.dataSource, clinic, 'therapist');
      const session = await signIn(test, user.email);
      const [a, b] = await Promise.all([
        refresh(session.refreshCookie),
        refresh(session.refreshCookie),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      // Whichever answer the browser kept carries the session on.
      await refresh(refreshCookieOf(b.headers['set-cookie'])).expect(200);
    });

    it('a second replay of the same token is theft and ends the session', async () => {
      const user = await createUser(test.dataSource, clinic, 'therapist');
      const session = await signIn(test, user.email);
      const next = refreshCookieOf(
        (await refresh(session.refreshCookie).expect(200)).headers['set-cookie'],
      );
      await refresh(session.refreshCookie).expect(200);
      await refresh(session.refreshCookie).expect(401);
      await refresh(next).expect(401);
      await test.http.get('/api/auth/me').auth(session.token, { type: 'bearer' }).expect(401);
    });

    it('a replay after the grace window is theft and ends the session', async () => {
      const user = await createUser(test.dataSource, clinic, 'client');
      const session = await signIn(test, user.email);
      const next = refreshCookieOf(
        (await refresh(session.refreshCookie).expect(200)).headers['set-cookie'],
      );
      const secret = session.refreshCookie.split('=')[1] ?? '';
      await test.dataSource.query(
        `UPDATE refresh_tokens SET used_at = now() - interval '11 seconds' WHERE token_hash = $1`,
        [hashToken(secret)],
      );
      await refresh(session.refreshCookie).expect(401);
      await refresh(next).expect(401);
      const reused = await test.dataSource.manager.find(AuditEvent, {
        where: { action: 'auth.refresh_reused', userId: user.id },
      });
      expect(reused).toHaveLength(1);
    });
  });
});

describe('Two app instances on one database', () => {
  it('share the per-address sign-in limit', async () => {
    const first = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '4' });
    // The second instance serves the same database and must not drop it when it closes.
    const second = await startTestApp(
      { ...first.database, drop: () => Promise.resolve() },
      { LOGIN_RATE_LIMIT_PER_MINUTE: '4' },
    );
    try {
      const clinic = await createClinic(first.dataSource);
      const user = await createUser(first.dataSource, clinic, 'therapist');
      const attempt = (app: TestApp) =>
        app.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD });
      await attempt(first).expect(200);
      await attempt(second).expect(200);
      await attempt(first).expect(200);
      await attempt(second).expect(200);
      // Each instance alone has seen two requests; together they have seen the limit.
      const limited = await attempt(first).expect(429);
      expect(limited.body.message).toBe(
        'Too many sign-in requests from this address. Please wait a minute.',
      );
      await attempt(second).expect(429);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
