import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import supertest from 'supertest';
import type { App } from 'supertest/types';
import { testServerUrl } from '../test/test-server';
import { loadConfig } from './config/app-config';
import { MIGRATIONS } from '@cairn/migrations';
import { DEMO_PASSWORD } from './seed/demo-seed';
import { startServer, type RunningServer } from './server';

/**
 * Replicas boot together: two Cairn processes started at the same moment on one empty database
 * (given as a superuser URL) must both come up, the migrations and the demo seed run once.
 */
describe('Two instances starting at once on an empty database', () => {
  const name = `cairn_boot_${randomBytes(5).toString('hex')}`;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  });
  afterAll(async () => {
    for (const server of servers) await server.app.close();
    await admin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
    );
  });

  it('both come up; one applies every migration, the other finds nothing to do', async () => {
    const secret = randomBytes(32).toString('hex');
    const key = `boot-1:${randomBytes(32).toString('base64')}`;
    const configFor = (port: number) =>
      loadConfig(
        {
          NODE_ENV: 'test',
          PORT: String(port),
          JWT_SECRET: secret,
          ENCRYPTION_KEYS: key,
          DATABASE_URL: testServerUrl(name),
          CLIENT_DIR: path.join(__dirname, '../test/no-client-build'),
          SEED_DEMO_DATA: 'true',
        },
        path.resolve(__dirname, '../..'),
      );
    const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
    servers = await Promise.all([
      startServer(configFor(0), quiet),
      startServer(configFor(0), quiet),
    ]);

    const applied = servers.map((server) => server.applied.length).sort((a, b) => a - b);
    expect(applied).toEqual([0, MIGRATIONS.length]);
    for (const server of servers) {
      await supertest(server.app.getHttpServer() as App)
        .post('/api/auth/login')
        .send({ email: 'therapist@demo.clinic', password: DEMO_PASSWORD })
        .expect(200);
    }
    const clinics = await admin(
      (client) => client.query<{ n: string }>('SELECT count(*) AS n FROM clinics'),
      name,
    );
    expect(clinics.rows[0]?.n).toBe('1');
  });
});

/** Work as the superuser, on the server's maintenance database or on `database`. */
async function admin<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new Client({ connectionString: testServerUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
