/**
 * `npm run bench`: starts the built API on a fresh database, seeds three years of weekly care for
 * one client and a caseload of 500, and times the hot reads and the PDF report, with the number of
 * SQL statements each request costs and a plain node:http + pg baseline for the caseload list.
 * Prints a Markdown table (the README's "Benchmarks" section holds one run of it).
 */
import {
  addDays,
  apiUrl,
  ApiRoutes,
  type AccessTokenResponse,
  type ReportDetail,
} from '@cairn/contracts';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import type { BaselineOrder } from './baseline-server';
import { describeBackupTiming, timeBackupAndRestore } from './backup-timing';
import { API_MAIN, builtApi, ROOT } from './built-api';
import {
  expectStatus,
  load,
  repeat,
  request,
  type Summary,
  type Throughput,
  type Timed,
} from './http-timing';
import type { CounterMessage, RecordedStatement } from './query-counter';
import {
  CASELOAD,
  PASSWORD,
  seedCaseloadAttention,
  seedHistory,
  seedPeople,
  THERAPIST_EMAIL,
  WEEKS,
} from './seed';

const PORT = Number(process.env['BENCH_PORT'] ?? 3939);
const BASELINE_PORT = Number(process.env['BENCH_BASELINE_PORT'] ?? 3940);
const PG_PORT = Number(process.env['BENCH_PG_PORT'] ?? 55439);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const LOAD_REQUESTS = 400;
const LOAD_CONCURRENCY = 10;
const BACKUP_RUNS = Number(process.env['BENCH_BACKUP_RUNS'] ?? 3);
/** The API's data keys; the restore timing opens sealed fields with them. */
const ENCRYPTION_KEYS = `bench-1:${randomBytes(32).toString('base64')}`;

interface Database {
  url: string;
  dispose(): Promise<void>;
}

/** A database of its own: a new one on DATABASE_URL's server, or the embedded PostgreSQL. */
async function openDatabase(): Promise<Database> {
  const server = process.env['DATABASE_URL'];
  if (server) {
    const name = `cairn_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      dispose: async () => {
        const cleanup = new Client({ connectionString: server });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const directory = path.join(ROOT, '.data/bench');
  rmSync(directory, { recursive: true, force: true });
  const embedded = await builtApi().startEmbeddedPostgres({
    directory: path.join(directory, 'postgres'),
    port: PG_PORT,
    password: randomBytes(12).toString('hex'),
    database: 'cairn_bench',
  });
  return { url: embedded.url, dispose: () => embedded.stop() };
}

/** The API as `npm start` runs it (production mode), with the statement recorder loaded. */
async function startApi(databaseUrl: string, jwtSecret: string): Promise<ChildProcess> {
  const child = fork(API_MAIN, [], {
    cwd: ROOT,
    execArgv: [
      '--require',
      path.join(__dirname, 'query-counter.js'),
      // BENCH_CPU_PROFILE=<folder> writes a V8 CPU profile of the API (open it in Chrome DevTools).
      ...(process.env['BENCH_CPU_PROFILE']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROFILE']}`]
        : []),
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      ENCRYPTION_KEYS,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      // Production needs a mail transport; the bench sends no mail, so none listens here.
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'bench@localhost',
    },
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}`);
    const up = await request(PORT, 'GET', apiUrl(ApiRoutes.health)).catch(() => null);
    if (up?.status === 200) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The API did not answer /api/health within two minutes');
}

/** The statements the API sent while `run` was in flight. */
async function statementsOf(
  api: ChildProcess,
  run: () => Promise<Timed>,
): Promise<RecordedStatement[]> {
  const send = (message: CounterMessage) => api.send(message);
  send('queries:reset');
  await run();
  const reply = new Promise<RecordedStatement[]>((resolve) =>
    api.once('message', (message: { statements: RecordedStatement[] }) =>
      resolve(message.statements),
    ),
  );
  send('queries:take');
  return reply;
}

async function startBaseline(order: BaselineOrder): Promise<ChildProcess> {
  const child = fork(path.join(__dirname, 'baseline-server.js'), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listening = new Promise((resolve) => child.once('message', resolve));
  child.send(order);
  await listening;
  return child;
}

/** The Angular initial bundle: the scripts, styles and module preloads index.html loads. */
function initialBundle(): { rawKb: number; gzipKb: number; chartsInInitial: boolean } | null {
  const dir = path.join(ROOT, 'dist/client/browser');
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return null;
  const files = [
    ...readFileSync(index, 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g),
  ].map((match) => readFileSync(path.join(dir, match[1] ?? '')));
  return {
    rawKb: files.reduce((sum, file) => sum + file.length, 0) / 1000,
    gzipKb: files.reduce((sum, file) => sum + gzipSync(file).length, 0) / 1000,
    chartsInInitial: files.some((file) => file.includes('ngx-charts')),
  };
}

interface Row {
  what: string;
  timing: Summary | Throughput;
  statements?: number;
  extra?: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(rows: Row[]): string {
  const lines = [
    '| measure | median | p95 | runs | SQL statements / request | notes |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const summary = 'latency' in row.timing ? row.timing.latency : row.timing;
    const notes = [
      'requestsPerSecond' in row.timing ? `${row.timing.requestsPerSecond.toFixed(0)} req/s` : '',
      row.extra ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(
      `| ${row.what} | ${ms(summary.median)} | ${ms(summary.p95)} | ${summary.runs} | ${row.statements ?? '–'} | ${notes} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const loadBefore = os.loadavg()[0];
  const children: ChildProcess[] = [];
  const step = (text: string) => process.stderr.write(`bench: ${text}\n`);
  step('starting PostgreSQL');
  const database = await openDatabase();
  try {
    step('starting the API (dist/api) and applying migrations');
    const api = await startApi(database.url, jwtSecret);
    children.push(api);

    step(`seeding: one client with ${WEEKS} weeks of care, a caseload of ${CASELOAD}`);
    const db = new Client({ connectionString: database.url });
    await db.connect();
    const built = builtApi();
    const people = await seedPeople(db, built);
    const login = expectStatus(
      await request(
        PORT,
        'POST',
        apiUrl(ApiRoutes.auth.login),
        {},
        { email: THERAPIST_EMAIL, password: PASSWORD },
      ),
      200,
      'sign-in',
    );
    const auth = {
      authorization: `Bearer ${(JSON.parse(login.body.toString('utf8')) as AccessTokenResponse).accessToken}`,
    };
    const get = (url: string) => () => request(PORT, 'GET', url, auth);
    expectStatus(await get(apiUrl(ApiRoutes.homework.templates))(), 200, 'homework library');
    await seedHistory(db, built, people);
    await seedCaseloadAttention(db, people);
    // Sealed as the owner role, as the API's start-up step does (the immutability triggers let
    // only the owner change a fixed entry's sealed columns).
    const ownerUrl = await built.ownerUrl(database.url);
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    const sealStarted = Date.now();
    const sealedNow = Object.values(await built.sealClearValues(owner, ENCRYPTION_KEYS)).reduce(
      (sum, n) => sum + n,
      0,
    );
    const sealSeconds = (Date.now() - sealStarted) / 1000;
    await owner.end();
    step(`sealed ${sealedNow} clear values in ${sealSeconds.toFixed(1)} s`);
    await db.query('ANALYZE');
    const counts = (
      await db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM appointments WHERE client_id = $1) AS appointments,
                (SELECT count(*)::int FROM appointments WHERE client_id = $1 AND status = 'completed') AS completed,
                (SELECT count(*)::int FROM assessments WHERE client_id = $1 AND status = 'completed') AS assessments,
                (SELECT count(*)::int FROM homework_entries WHERE client_id IN ($1, $2)) AS entries,
                (SELECT count(*)::int FROM clients WHERE primary_therapist_id = $3) AS caseload`,
        [people.clientId, people.partnerId, people.therapistId],
      )
    ).rows[0];
    await db.end();
    step(`seeded ${JSON.stringify(counts)}`);

    const rows: Row[] = [];
    const measure = async (
      what: string,
      warmUp: number,
      once: () => Promise<Timed>,
      extra?: (last: Timed) => string,
    ) => {
      step(`timing ${what}`);
      const { summary, last } = await repeat(warmUp, RUNS, async () =>
        expectStatus(await once(), 200, what),
      );
      const statements = await statementsOf(api, once);
      rows.push({ what, timing: summary, statements: statements.length, extra: extra?.(last) });
      return { last, statements };
    };

    const from = addDays(people.today, -3 * 365);
    const progressUrl = `${apiUrl(ApiRoutes.progress, { id: people.clientId })}?from=${from}&to=${people.today}`;
    const progress = await measure(
      'progress data, 3 years (`GET /api/clients/:id/progress`)',
      3,
      get(progressUrl),
      (last) => `${(last.body.length / 1000).toFixed(0)} kB JSON`,
    );

    const reportsUrl = apiUrl(ApiRoutes.reports.forClient, { id: people.clientId });
    const created = await measure(
      'create a 3-year report (`POST /api/clients/:id/reports`)',
      1,
      async () => {
        const result = await request(PORT, 'POST', reportsUrl, auth, { from, to: people.today });
        return { ...result, status: result.status === 201 ? 200 : result.status };
      },
    );
    const reportId = (JSON.parse(created.last.body.toString('utf8')) as ReportDetail).id;
    await measure(
      'its PDF (`GET /api/reports/:id/pdf`)',
      2,
      get(apiUrl(ApiRoutes.reports.pdf, { id: reportId })),
      (last) => {
        const pages = last.body.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
        return `${(last.body.length / 1024).toFixed(0)} KB, ${pages} pages`;
      },
    );

    const listUrl = `${apiUrl(ApiRoutes.clients.list)}?page=1`;
    const list = await measure(
      `caseload list, page 1 of ${CASELOAD} (\`GET /api/clients?page=1\`)`,
      5,
      get(listUrl),
    );
    await measure(
      'therapist home (`GET /api/dashboard/caseload`)',
      3,
      get(apiUrl(ApiRoutes.dashboard.caseload)),
    );

    step(`backup and restore, ${BACKUP_RUNS} runs`);
    const backupTiming = await timeBackupAndRestore(database.url, ENCRYPTION_KEYS, BACKUP_RUNS);
    step(describeBackupTiming(backupTiming));

    step(`load: ${LOAD_REQUESTS} caseload lists, ${LOAD_CONCURRENCY} at a time, API then baseline`);
    await load(LOAD_CONCURRENCY, 50, get(listUrl));
    const appLoad = await load(LOAD_CONCURRENCY, LOAD_REQUESTS, get(listUrl));
    const baseline = await startBaseline({
      port: BASELINE_PORT,
      databaseUrl: database.url,
      jwtSecret,
      statements: list.statements,
    });
    children.push(baseline);
    const baselineGet = () => request(BASELINE_PORT, 'GET', listUrl, auth);
    await load(LOAD_CONCURRENCY, 50, baselineGet);
    const baselineLoad = await load(LOAD_CONCURRENCY, LOAD_REQUESTS, baselineGet);
    const ratio = appLoad.requestsPerSecond / baselineLoad.requestsPerSecond;
    rows.push(
      {
        what: `caseload list under load, ${LOAD_CONCURRENCY} concurrent: API`,
        timing: appLoad,
        statements: list.statements.length,
        extra: `${ratio.toFixed(2)}× the baseline's throughput`,
      },
      {
        what: `… same SQL on node:http + pg (baseline)`,
        timing: baselineLoad,
        statements: list.statements.length,
      },
    );

    // Last: after it the running API (key bench-1 only) could no longer open the values.
    step('re-seal every value under a new key');
    const resealDb = new Client({ connectionString: ownerUrl });
    await resealDb.connect();
    const resealStarted = Date.now();
    const resealed = Object.values(
      (
        await built.resealAll(
          resealDb,
          `bench-2:${randomBytes(32).toString('base64')},${ENCRYPTION_KEYS}`,
        )
      ).columns,
    ).reduce((sum, column) => sum + column.resealed, 0);
    const resealSeconds = (Date.now() - resealStarted) / 1000;
    await resealDb.end();

    const bundle = initialBundle();
    const cpus = os.cpus();
    process.stdout.write(
      [
        '',
        `Cairn benchmark, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ` +
          `${process.env['DATABASE_URL'] ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}, API in production mode, load average ${loadBefore.toFixed(1)} before the run.`,
        `Data: ${counts?.['appointments']} appointments (${counts?.['completed']} completed), ${counts?.['assessments']} completed questionnaires, ` +
          `${counts?.['entries']} homework entries (client and partner), a caseload of ${counts?.['caseload']} clients.`,
        '',
        table(rows),
        '',
        describeBackupTiming(backupTiming),
        '',
        `Sealing the seeded clear text (start-up step): ${sealedNow} values in ${sealSeconds.toFixed(1)} s ` +
          `(${Math.round(sealedNow / sealSeconds)} rows/s). Re-seal under a new key (\`npm run keys:reseal\`'s work, batches of 500): ` +
          `${resealed} values in ${resealSeconds.toFixed(1)} s (${Math.round(resealed / resealSeconds)} rows/s).`,
        '',
        bundle
          ? `Client initial bundle: ${bundle.rawKb.toFixed(0)} kB raw, ${bundle.gzipKb.toFixed(0)} kB gzip; ngx-charts in the initial bundle: ${bundle.chartsInInitial ? 'yes' : 'no'}.`
          : 'Client initial bundle: not measured (build the client first: npx nx run client:build).',
        '',
        'SQL statements of one progress request:',
        ...progress.statements.map(
          (statement) => `  ${statement.text.replace(/\s+/g, ' ').slice(0, 110)}`,
        ),
        '',
      ].join('\n'),
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
