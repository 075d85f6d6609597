import { createTestApp, type TestApp } from '../../test/test-app';

describe('GET /api/health and the HTTP envelope', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp({ CORS_ORIGINS: 'https://app.example.test' });
  });
  afterAll(() => test.close());

  it('answers without sign-in and reports the database up', async () => {
    const response = await test.http.get('/api/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('sends security headers, no-store and a request id on API responses', async () => {
    const response = await test.http.get('/api/health');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps a well-formed inbound request id and replaces a malformed one', async () => {
    const kept = await test.http.get('/api/health').set('x-request-id', 'trace-12345678');
    expect(kept.headers['x-request-id']).toBe('trace-12345678');
    const replaced = await test.http.get('/api/health').set('x-request-id', '<script>');
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });

  it('allows CORS only for configured origins and never reflects another', async () => {
    const allowed = await test.http.get('/api/health').set('Origin', 'https://app.example.test');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.test');
    const other = await test.http.get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await test.http.get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(response.body.requestId).toEqual(expect.any(String));
  });
});
