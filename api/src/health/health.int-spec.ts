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

  it('answers an unknown API path with a JSON 404 that carries the security headers too', async () => {
    const response = await test.http.get('/api/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(response.body.requestId).toEqual(expect.any(String));
    expect(response.headers['x-request-id']).toBe(response.body.requestId);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('routes a path with a trailing slash as the path without it', async () => {
    const response = await test.http.get('/api/health/').expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the API documentation: the OpenAPI document and a page that loads only its own scripts', async () => {
    const document = await test.http.get('/api/docs-json').expect(200);
    expect(document.body).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    const page = await test.http.get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toEqual(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    expect(page.text).not.toMatch(/<script>/);
    for (const script of scripts) {
      const asset = await test.http.get(script ?? '').expect(200);
      expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    }
  });

  it('answers a page path, while no client is built, with a plain 503 under the same headers', async () => {
    const response = await test.http.get('/therapist/clients').expect(503);
    expect(response.text).toContain('The Cairn client is not built yet');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
