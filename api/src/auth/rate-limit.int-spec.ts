import { CSRF_HEADER } from '@cairn/contracts';
import {
  createClinic,
  createUser,
  refreshCookieOf,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';

describe('Rate limits per address', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => test.close());

  it('limits sign-in attempts from one address, with a message saying so', async () => {
    const clinic = await createClinic(test.dataSource);
    const user = await createUser(test.dataSource, clinic, 'therapist');
    for (let attempt = 0; attempt < 3; attempt++) {
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
    }
    const limited = await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    expect(limited.body.message).toBe(
      'Too many sign-in requests from this address. Please wait a minute.',
    );
  });

  it('counts by the proxy-reported address only when TRUST_PROXY says a proxy is in front', async () => {
    const signInFrom = (app: TestApp, email: string, forwardedFor: string) =>
      app.http
        .post('/api/auth/login')
        .set('X-Forwarded-For', forwardedFor)
        .send({ email, password: TEST_PASSWORD });
    // Without a trusted proxy the header is anyone's to write: every request is the socket's.
    const direct = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const clinic = await createClinic(direct.dataSource);
      const user = await createUser(direct.dataSource, clinic, 'therapist');
      await signInFrom(direct, user.email, '203.0.113.1').expect(200);
      await signInFrom(direct, user.email, '203.0.113.2').expect(429);
    } finally {
      await direct.close();
    }
    const proxied = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: 'true' });
    try {
      const clinic = await createClinic(proxied.dataSource);
      const user = await createUser(proxied.dataSource, clinic, 'therapist');
      await signInFrom(proxied, user.email, '203.0.113.1').expect(200);
      await signInFrom(proxied, user.email, '203.0.113.2').expect(200);
      await signInFrom(proxied, user.email, '203.0.113.1').expect(429);
    } finally {
      await proxied.close();
    }
  });

  it('never limits refresh, which every page load calls and only the cookie holder can make', async () => {
    const fresh = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1' });
    try {
      const clinic = await createClinic(fresh.dataSource);
      const user = await createUser(fresh.dataSource, clinic, 'client');
      let cookie = (await signIn(fresh, user.email)).refreshCookie;
      for (let load = 0; load < 10; load++) {
        const response = await fresh.http
          .post('/api/auth/refresh')
          .set('Cookie', cookie)
          .set(CSRF_HEADER, '1')
          .expect(200);
        cookie = refreshCookieOf(response.headers['set-cookie']);
      }
    } finally {
      await fresh.close();
    }
  });
});
