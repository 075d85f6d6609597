import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import request from 'supertest';
import { clientAppHandler, isClientPage } from './client-app';

describe("the client app's files", () => {
  let dir: string;
  let app: http.Server;
  const script = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `page ${i}`))};`;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-client-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Cairn</title>');
    writeFileSync(path.join(dir, 'main-ABCD1234.js'), script);
    const serveClient = clientAppHandler(dir);
    // As the API's hook picks: the client's files, or what the API would answer.
    app = http.createServer((req, res) => {
      if (isClientPage(req.method, req.url ?? '/')) return serveClient(req, res);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ script }));
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends hashed assets compressed, cached for a year, and whole', async () => {
    const response = await request(app)
      .get('/main-ABCD1234.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.text).toBe(script);
  });

  it('answers a deep link with index.html, never cached', async () => {
    const response = await request(app).get('/therapist/clients/42').expect(200);
    expect(response.text).toContain('<title>Cairn</title>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('leaves API answers alone: not compressed here', async () => {
    const response = await request(app)
      .get('/api/things')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toEqual({ script });
  });
});
