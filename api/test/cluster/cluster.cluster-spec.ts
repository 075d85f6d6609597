import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../free-port';
import { startPostgresServer, type PostgresServer } from '../postgres-server';

/**
 * Cairn as a deployment runs it: one PostgreSQL, two API processes built by `npm run build`,
 * and HAProxy (docker/haproxy.cfg) in front, all on this machine. Run by `npm run test:cluster`,
 * which builds first and installs HAProxy when it is missing.
 */
const root = path.resolve(__dirname, '../../..');
const directory = path.join(
  root,
  '.data/test-clusters',
  `cluster-${randomBytes(4).toString('hex')}`,
);
const DEMO_PASSWORD = 'cairn-demo-2026';
const ADMIN = 'admin@demo.clinic';
const THERAPIST = 'therapist@demo.clinic';
const CSRF = { 'x-cairn-csrf': '1' };

interface Replica {
  name: 'api1' | 'api2';
  port: number;
  process: ChildProcess | null;
  log: string[];
}

let postgres: PostgresServer;
let superuserUrl: string;
let proxy: ChildProcess;
let proxyUrl: string;
const replicas: Record<'api1' | 'api2', Replica> = {
  api1: { name: 'api1', port: 0, process: null, log: [] },
  api2: { name: 'api2', port: 0, process: null, log: [] },
};
const secrets = {
  jwt: randomBytes(32).toString('hex'),
  key: randomBytes(32).toString('base64'),
};

function replicaUrl(replica: Replica): string {
  return `http://127.0.0.1:${replica.port}`;
}

/** Starts one API process from dist/ with the environment every replica shares. */
function startReplica(replica: Replica): void {
  const child = spawn(process.execPath, ['dist/api/api/src/main.js'], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'development',
      PORT: String(replica.port),
      DATABASE_URL: superuserUrl,
      JWT_SECRET: secrets.jwt,
      ENCRYPTION_KEYS: `k1:${secrets.key}`,
      CAIRN_DATA_DIR: path.join(directory, `data-${replica.name}`),
      PUBLIC_URL: proxyUrl,
      TRUST_PROXY: 'true',
      SEED_DEMO_DATA: 'true',
      SHUTDOWN_DRAIN_MS: '3000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    replica.log.push(chunk.toString());
    if (replica.log.length > 200) replica.log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  replica.process = child;
}

/** Ends a replica with a signal and waits for the process to be gone. */
async function stopReplica(replica: Replica, signal: NodeJS.Signals): Promise<void> {
  const child = replica.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
  replica.process = null;
}

async function status(url: string, init?: RequestInit): Promise<number> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0; // no answer at all
  }
}

async function until(what: string, condition: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out waiting for ${what}.\napi1: ${replicas.api1.log.join('').slice(-2000)}\n` +
      `api2: ${replicas.api2.log.join('').slice(-2000)}`,
  );
}

const healthy = (base: string) => async () => (await status(`${base}/api/health`)) === 200;

async function signIn(
  base: string,
  email: string,
): Promise<{ token: string; cookie: string; status: number }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const body = (await response.json()) as { accessToken?: string };
  return {
    token: body.accessToken ?? '',
    cookie: refreshCookieOf(response),
    status: response.status,
  };
}

/** The `cairn_refresh=…` pair of an answer's Set-Cookie, to send back as a Cookie header. */
function refreshCookieOf(response: Response): string {
  const found = response.headers.getSetCookie().find((c) => c.startsWith('cairn_refresh='));
  return found?.split(';')[0] ?? '';
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Writers creating client files through the proxy, one request after another each, until
 * stopped. Every acknowledged (201) id is kept, and every answer's status with its time.
 */
function writeLoad(token: string, writers = 3) {
  const acknowledged: string[] = [];
  const answers: { at: number; status: number; body: string }[] = [];
  let running = true;
  const loops = Array.from({ length: writers }, async (_, writer) => {
    for (let n = 0; running; n++) {
      let code = 0;
      let text = '';
      try {
        const response = await fetch(`${proxyUrl}/api/clients`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(token) },
          body: JSON.stringify({ legalName: `Cluster ${writer} ${n}` }),
          signal: AbortSignal.timeout(15_000),
        });
        code = response.status;
        text = await response.text();
        if (code === 201) acknowledged.push((JSON.parse(text) as { id: string }).id);
      } catch {
        // No answer at all (the connection failed or timed out) stays 0.
      }
      answers.push({ at: Date.now(), status: code, body: code === 201 ? '' : text.slice(0, 200) });
    }
  });
  return {
    acknowledged,
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Readers of the client list through the proxy, recording every answer's status. */
function readLoad(token: string, readers = 2) {
  const answers: { at: number; status: number }[] = [];
  let running = true;
  const loops = Array.from({ length: readers }, async () => {
    while (running) {
      const code = await status(`${proxyUrl}/api/clients`, { headers: bearer(token) });
      answers.push({ at: Date.now(), status: code });
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function storedClients(ids: string[]): Promise<number> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM clients WHERE id = ANY($1)',
      [ids],
    );
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe('Cairn behind a load balancer: two API processes, one database', () => {
  beforeAll(async () => {
    mkdirSync(directory, { recursive: true });
    const [pgPort, api1, api2, proxyPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    postgres = await startPostgresServer(directory, pgPort, randomBytes(12).toString('hex'));
    superuserUrl = postgres.url;
    replicas.api1.port = api1;
    replicas.api2.port = api2;
    proxyUrl = `http://127.0.0.1:${proxyPort}`;

    // Both replicas start at once on the empty database: one migrates and seeds, the other waits.
    startReplica(replicas.api1);
    startReplica(replicas.api2);
    await until('both replicas to answer', async () => {
      const [first, second] = [
        await healthy(replicaUrl(replicas.api1))(),
        await healthy(replicaUrl(replicas.api2))(),
      ];
      return first && second;
    });

    proxy = spawn('haproxy', ['-db', '-f', path.join(root, 'docker/haproxy.cfg')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        CAIRN_PROXY_BIND: `127.0.0.1:${proxyPort}`,
        CAIRN_API1: `127.0.0.1:${api1}`,
        CAIRN_API2: `127.0.0.1:${api2}`,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await until('the proxy to answer', healthy(proxyUrl));
  }, 180_000);

  afterAll(async () => {
    proxy?.kill('SIGTERM');
    await stopReplica(replicas.api1, 'SIGKILL');
    await stopReplica(replicas.api2, 'SIGKILL');
    await postgres?.stop();
    await rm(directory, { recursive: true, force: true });
  }, 60_000);

  it('a session begun on one replica is honoured, refreshed and ended on the other', async () => {
    const session = await signIn(replicaUrl(replicas.api1), THERAPIST);
    expect(session.status).toBe(200);
    const me = await fetch(`${replicaUrl(replicas.api2)}/api/auth/me`, {
      headers: bearer(session.token),
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(THERAPIST);

    const refreshed = await fetch(`${replicaUrl(replicas.api2)}/api/auth/refresh`, {
      method: 'POST',
      headers: { cookie: session.cookie, ...CSRF },
    });
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    const cookie = refreshCookieOf(refreshed);

    // Signed out on the first replica, the session is over on the second at once.
    const out = await fetch(`${replicaUrl(replicas.api1)}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, ...CSRF },
    });
    expect(out.status).toBe(204);
    expect(
      await status(`${replicaUrl(replicas.api2)}/api/auth/me`, { headers: bearer(accessToken) }),
    ).toBe(401);
  });

  it('the per-address lock-out is counted across replicas', async () => {
    const email = 'therapist2@demo.clinic';
    const wrong = (replica: Replica) =>
      status(`${replicaUrl(replica)}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'not the password' }),
      });
    // Five wrong guesses, alternating between the replicas: the fifth locks the address.
    const guesses = [];
    for (let n = 0; n < 5; n++) guesses.push(await wrong(n % 2 ? replicas.api2 : replicas.api1));
    expect(guesses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(guesses[4]).toBe(429);
    // The right password is refused on either replica while the lock lasts.
    expect((await signIn(replicaUrl(replicas.api1), email)).status).toBe(429);
    expect((await signIn(replicaUrl(replicas.api2), email)).status).toBe(429);
  });

  it('a replica killed during writes loses no acknowledged write, and the other serves', async () => {
    const { token } = await signIn(proxyUrl, ADMIN);
    const load = writeLoad(token);
    await until('writes before the kill', async () => load.acknowledged.length >= 20);
    const killedAt = Date.now();
    await stopReplica(replicas.api1, 'SIGKILL');
    const before = load.acknowledged.length;
    await until('writes after the kill', async () => load.acknowledged.length >= before + 30);
    await load.stop();

    // Requests that were inside the killed process when it died may fail (they were never
    // acknowledged); from a second later on, every one succeeds on the other replica.
    const afterwards = load.answers.filter((answer) => answer.at > killedAt + 1_000);
    expect(afterwards.length).toBeGreaterThan(10);
    expect(afterwards.filter((answer) => answer.status !== 201)).toEqual([]);
    expect(await storedClients(load.acknowledged)).toBe(load.acknowledged.length);

    startReplica(replicas.api1);
    await until('the killed replica to come back', healthy(replicaUrl(replicas.api1)));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }, 120_000);

  it('a rolling restart, one replica at a time, fails no request', async () => {
    const { token } = await signIn(proxyUrl, ADMIN);
    // Let the proxy see the restarted replica as up (two good checks) before the restart begins.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const writes = writeLoad(token, 2);
    const reads = readLoad(token);
    const started = Date.now();
    const events: string[] = [];
    const note = (event: string) => events.push(`${Date.now() - started} ms: ${event}`);
    for (const replica of [replicas.api1, replicas.api2]) {
      // SIGTERM: health answers 503 for SHUTDOWN_DRAIN_MS, the proxy takes the replica out, and
      // the requests it still holds finish before it closes.
      note(`${replica.name} SIGTERM`);
      await stopReplica(replica, 'SIGTERM');
      note(`${replica.name} exited`);
      startReplica(replica);
      await until(`${replica.name} to start again`, healthy(replicaUrl(replica)));
      note(`${replica.name} healthy again`);
      // Two good checks, 500 ms apart, before the proxy sends it work again.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    await writes.stop();
    await reads.stop();

    expect(writes.answers.length).toBeGreaterThan(20);
    expect(reads.answers.length).toBeGreaterThan(20);
    // Failures with their times, beside what happened when, so a failure explains itself.
    const failed = [
      ...writes.answers
        .filter((answer) => answer.status !== 201)
        .map((answer) => `write ${answer.status} at ${answer.at - started} ms: ${answer.body}`),
      ...reads.answers
        .filter((answer) => answer.status !== 200)
        .map((answer) => `read ${answer.status} at ${answer.at - started} ms`),
    ];
    expect({ failed, events }).toEqual({ failed: [], events });
    expect(await storedClients(writes.acknowledged)).toBe(writes.acknowledged.length);
  }, 150_000);
});
