import type { ApiErrorBody } from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { as, createClinic, createUser, signIn } from '../../test/factories';
import { freePort } from '../../test/free-port';
import { startTestApp, type TestApp } from '../../test/test-app';
import { startPostgresServer, type PostgresServer } from '../../test/postgres-server';
import { prepareDatabaseRoles } from '../database/database-roles';
import { migrateDatabase } from '../database/migrate';

/**
 * The database goes away under load and comes back. This file runs its own PostgreSQL (durable
 * settings, unlike the run's shared one) so that it can stop and start it.
 */
describe('A database outage', () => {
  const directory = path.resolve(
    __dirname,
    '../../../.data/test-clusters',
    `outage-${randomBytes(4).toString('hex')}`,
  );
  const password = randomBytes(12).toString('hex');
  let port: number;
  let server: PostgresServer | null = null;
  let test: TestApp;
  let adminToken: string;

  const start = async () => {
    server = await startPostgresServer(directory, port, password);
    return server;
  };
  const stop = async () => {
    await server?.stop();
    server = null;
  };

  beforeAll(async () => {
    port = await freePort();
    const { url } = await start();
    // As the app does from a superuser URL: its two roles, then migrations and grants as the owner.
    const roles = await prepareDatabaseRoles(url, null);
    await migrateDatabase(roles.ownerUrl, roles.runtimeRole);
    test = await startTestApp({
      name: 'cairn',
      url,
      ownerUrl: roles.ownerUrl,
      runtimeUrl: roles.runtimeUrl,
      // The folder is removed after the run; the server is this test's own.
      drop: () => Promise.resolve(),
    });
    const clinic = await createClinic(test.dataSource);
    const admin = await createUser(test.dataSource, clinic, 'admin');
    adminToken = (await signIn(test, admin.email)).token;
  }, 120_000);
  afterAll(async () => {
    await test?.close();
    await stop();
    await rm(directory, { recursive: true, force: true });
  }, 60_000);

  it('answers 503 with Retry-After while PostgreSQL is down, recovers without a restart, and loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let outageAnswers: { status: number; retryAfter: unknown; body: ApiErrorBody }[] = [];
    let phase: 'up' | 'down' | 'back' = 'up';
    let running = true;

    // Bounded load: three writers creating client files, one after another each.
    const writer = async (name: string) => {
      for (let n = 0; running && n < 2_000; n++) {
        const response = await as(test, adminToken)
          .post('/api/clients')
          .send({ legalName: `Outage ${name} ${n}` });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) acknowledged.push((response.body as { id: string }).id);
        else if (phase === 'down')
          outageAnswers.push({
            status: response.status,
            retryAfter: response.headers['retry-after'],
            body: response.body as ApiErrorBody,
          });
        // Anything else (while stopping or reconnecting) is counted in statuses and checked below.
      }
    };
    const writers = ['a', 'b', 'c'].map((name) => writer(name));

    await until(() => acknowledged.length >= 15);
    phase = 'down';
    await stop();
    outageAnswers = [];
    await until(() => outageAnswers.length >= 20);

    // Business routes, the session check and health all say 503, in the usual error shape.
    for (const answer of outageAnswers) {
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: '5',
        body: {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Cairn cannot reach its database right now. Please try again in a moment.',
          requestId: expect.any(String),
        },
      });
    }
    const list = await as(test, adminToken).get('/api/clients').expect(503);
    expect(list.headers['retry-after']).toBe('5');
    const health = await test.http.get('/api/health').expect(503);
    expect(health.headers['retry-after']).toBe('5');
    expect(health.body).toMatchObject({
      statusCode: 503,
      message: 'The database is not reachable: it refuses connections.',
    });

    const beforeRecovery = acknowledged.length;
    await start();
    phase = 'back';
    await until(async () => (await test.http.get('/api/health')).status === 200);
    await until(() => acknowledged.length >= beforeRecovery + 15);
    // The same pool serves again, without a restart of the app.
    await test.http.get('/api/health').expect(200, { status: 'ok', database: 'up' });
    running = false;
    await Promise.all(writers);

    expect([...statuses.keys()].sort()).toEqual([201, 503]);
    // Every write the API acknowledged is in the database after the restart.
    const stored = await test.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM clients WHERE id = ANY($1)`,
      [acknowledged],
    );
    expect(Number(stored[0]?.n)).toBe(acknowledged.length);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
  }, 180_000);
});

/** Waits for a condition, polling; gives up (failing the test) after 60 seconds. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The condition was not met within a minute.');
}
