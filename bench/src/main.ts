/**
 * `npm run bench` (`BENCH_SIZE=S|M|L`, S by default): starts the built API on a fresh database,
 * seeds three years of weekly care for one client, a caseload of 500 and the dataset's clinics,
 * therapists, clients, two years of care and audit trail (dataset.ts), and times the hot reads,
 * the PDF report, an autosave and a booking, and sign-in, with the number of SQL statements each request costs, and a plain
 * node:http + pg baseline replaying the same SQL for every hot read and write. Prints a Markdown
 * table (the README's "Benchmarks" section holds runs of it).
 */
import {
  addDays,
  apiUrl,
  ApiRoutes,
  type AccessTokenResponse,
  type BookingResult,
  type NoteDetail,
  type ReportDetail,
} from '@cairn/contracts';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import type { ClientProgress } from '@cairn/contracts';
import type { BaselineOrder, BaselineRoute } from './baseline-server';
import { drawBareReport } from './bare-pdf';
import { datasetFromEnv, seedBulk, type BulkCounts } from './dataset';
import { cpuWhile } from './process-cpu';
import { describeBackupTiming, timeBackupAndRestore } from './backup-timing';
import { API_MAIN, builtApi, ROOT } from './built-api';
import {
  dropIdleConnections,
  expectStatus,
  RequestTimeout,
  setRequestTimeout,
  load,
  mergeThroughput,
  repeat,
  request,
  summarise,
  type Summary,
  type Throughput,
  type Timed,
} from './http-timing';
import type { CounterMessage, RecordedStatement } from './query-counter';
import {
  ADMIN_EMAIL,
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
/** Requests per load row; more (by hand) gives a CPU profile enough samples of each row. */
const LOAD_REQUESTS = Number(process.env['BENCH_LOAD_REQUESTS'] ?? 400);
/**
 * A load row runs the API and the baseline in this many alternating rounds (each a share of
 * LOAD_REQUESTS): on a shared machine a slow spell then falls on both sides instead of on one.
 */
const LOAD_ROUNDS = Math.max(1, Number(process.env['BENCH_LOAD_ROUNDS'] ?? 4));
const DATASET = datasetFromEnv();
/** Backup and re-seal walk every row: timed at S by default, by hand (the variables) above it. */
const BACKUP_RUNS = Number(process.env['BENCH_BACKUP_RUNS'] ?? (DATASET.size === 'S' ? 3 : 0));
const RESEAL = (process.env['BENCH_RESEAL'] ?? (DATASET.size === 'S' ? '1' : '0')) === '1';
const SIGN_INS = 20;
const SLOW_RUNS = Number(process.env['BENCH_SLOW_RUNS'] ?? 5);
/** A read that takes longer than this is reported as such, its queries cancelled, and skipped. */
const REQUEST_TIMEOUT_S = Number(process.env['BENCH_REQUEST_TIMEOUT_S'] ?? 30);
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
        // BENCH_KEEP_DB=1 leaves the seeded database on the server, to read query plans in it.
        if (process.env['BENCH_KEEP_DB'] === '1') {
          process.stderr.write(
            `bench: kept the database ${name} (BENCH_KEEP_DB=1); drop it when done\n`,
          );
          return;
        }
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
      // The API runs with npm start's heap ceiling; BENCH_API_NODE_FLAGS replaces it (empty for
      // Node's default) to weigh another setting.
      ...(process.env['BENCH_API_NODE_FLAGS'] ?? '--max-old-space-size=1024')
        .split(/\s+/)
        .filter(Boolean),
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
      // The sign-in row sends 20 at a time, again and again, from one address: it measures the
      // hashing's effect on other requests, not the per-address limit (tested elsewhere).
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      // API only, as each replica of a cluster runs: the job workers' polling would otherwise be
      // counted as a request's statements (and replayed by the baseline).
      WORKERS: 'off',
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

async function addBaselineRoute(baseline: ChildProcess, route: BaselineRoute): Promise<void> {
  const added = new Promise((resolve) => baseline.once('message', resolve));
  baseline.send(route);
  await added;
}

/** The API process's resident memory, sampled every 100 ms while `run` runs: the largest seen. */
async function peakRss<T>(pid: number, run: () => Promise<T>): Promise<{ result: T; mb: number }> {
  let peak = 0;
  const sample = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, kb / 1024);
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await run();
    sample();
    return { result, mb: peak };
  } finally {
    clearInterval(timer);
  }
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
  /** The app's speed over the baseline's: median time ratio, or throughput ratio under load. */
  ratio?: number;
  /** Not timed: the first request took longer than REQUEST_TIMEOUT_S. */
  timedOut?: boolean;
  extra?: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function table(rows: Row[]): string {
  const lines = [
    '| measure | median | p95 | p99 | runs | SQL statements / request | vs baseline | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const summary = 'latency' in row.timing ? row.timing.latency : row.timing;
    const notes = [
      'requestsPerSecond' in row.timing ? `${row.timing.requestsPerSecond.toFixed(0)} req/s` : '',
      row.extra ?? '',
    ]
      .filter(Boolean)
      .join('; ');
    const ratio = row.ratio === undefined ? '–' : `${row.ratio.toFixed(2)}×`;
    if (row.timedOut) {
      lines.push(
        `| ${row.what} | > ${REQUEST_TIMEOUT_S} s | – | – | 0 | – | – | not timed: no answer within ${REQUEST_TIMEOUT_S} s, its queries cancelled |`,
      );
      continue;
    }
    lines.push(
      `| ${row.what} | ${ms(summary.median)} | ${ms(summary.p95)} | ${ms(summary.p99)} | ${summary.runs} | ${row.statements ?? '–'} | ${ratio} | ${notes} |`,
    );
  }
  return lines.join('\n');
}

/** A row the later rows build on: it must have been timed. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} did not answer within ${REQUEST_TIMEOUT_S} s`);
  return value;
}

async function main(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const loadBefore = os.loadavg()[0];
  const started = Date.now();
  const children: ChildProcess[] = [];
  const step = (text: string) =>
    process.stderr.write(`bench: [${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`);
  step(`BENCH_SIZE=${DATASET.size}; starting PostgreSQL`);
  const database = await openDatabase();
  try {
    step('starting the API (dist/api) and applying migrations');
    const api = await startApi(database.url, jwtSecret);
    children.push(api);

    step(`seeding: one client with ${WEEKS} weeks of care, a caseload of ${CASELOAD}`);
    const db = new Client({ connectionString: database.url });
    // A failed step throws where it ran; the connection closing afterwards is not news.
    db.on('error', () => undefined);
    await db.connect();
    const built = builtApi();
    const people = await seedPeople(db, built);
    const signIn = async (email: string) => {
      const login = expectStatus(
        await request(
          PORT,
          'POST',
          apiUrl(ApiRoutes.auth.login),
          {},
          { email, password: PASSWORD },
        ),
        200,
        'sign-in',
      );
      return {
        authorization: `Bearer ${(JSON.parse(login.body.toString('utf8')) as AccessTokenResponse).accessToken}`,
      };
    };
    const auth = await signIn(THERAPIST_EMAIL);
    const adminAuth = await signIn(ADMIN_EMAIL);
    // Access tokens last 15 minutes and L seeds for longer than that: between rows, tokens ten
    // minutes old are replaced in place (every row and the baseline hold these very objects).
    let signedInAt = Date.now();
    const keepSignedIn = async () => {
      if (Date.now() - signedInAt < 10 * 60_000) return;
      Object.assign(auth, await signIn(THERAPIST_EMAIL));
      Object.assign(adminAuth, await signIn(ADMIN_EMAIL));
      signedInAt = Date.now();
    };
    const get =
      (url: string, headers = auth) =>
      () =>
        request(PORT, 'GET', url, headers);
    expectStatus(await get(apiUrl(ApiRoutes.homework.templates))(), 200, 'homework library');
    await seedHistory(db, built, people);
    await seedCaseloadAttention(db, people);
    const bulk: BulkCounts = await seedBulk(
      db,
      built,
      built.sealer(ENCRYPTION_KEYS),
      people,
      DATASET,
      CASELOAD,
      people.passwordHash,
    );
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
    await db.query('VACUUM ANALYZE');
    const counts = (
      await db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM appointments WHERE client_id = $1) AS appointments,
                (SELECT count(*)::int FROM appointments WHERE client_id = $1 AND status = 'completed') AS completed,
                (SELECT count(*)::int FROM assessments WHERE client_id = $1 AND status = 'completed') AS assessments,
                (SELECT count(*)::int FROM homework_entries WHERE client_id IN ($1, $2)) AS entries,
                (SELECT count(*)::int FROM clients WHERE primary_therapist_id = $3) AS caseload,
                (SELECT count(*)::int FROM clients WHERE clinic_id = $4) AS clinic_clients`,
        [people.clientId, people.partnerId, people.therapistId, people.clinicId],
      )
    ).rows[0];
    // Sign-in attempts are counted per address typed, and more than five at once on one address
    // are refused unchecked: the sign-in row signs in 20 accounts of their own at once.
    await db.query(
      `INSERT INTO users (clinic_id, email, display_name, role, password_hash)
       SELECT $1, 'sign-in-' || g || '@bench.test', 'Sign-in ' || g, 'therapist', $2
         FROM generate_series(1, $3::int) AS g`,
      [people.clinicId, people.passwordHash, SIGN_INS],
    );
    await db.end();
    const seedSeconds = (Date.now() - started) / 1000;
    step(`seeded ${JSON.stringify({ threeYearClient: counts, ...bulk })}`);

    // The baseline connects as the API's runtime role, so row-level security binds its replay as
    // it binds the API (a superuser would skip the policies and measure another plan).
    const baseline = await startBaseline({
      port: BASELINE_PORT,
      databaseUrl: await built.runtimeUrl(database.url),
      jwtSecret,
    });
    children.push(baseline);

    // The bench's own connection cancels what a timed-out request left running in the API.
    const cancelApiQueries = async () => {
      const admin = new Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity
          WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
      );
      await admin.end();
    };
    setRequestTimeout(REQUEST_TIMEOUT_S * 1000);
    const rows: Row[] = [];
    const measure = async (
      what: string,
      warmUp: number,
      once: () => Promise<Timed>,
      options: {
        extra?: (last: Timed) => string;
        /** The url and headers (GET unless a method is given) the baseline replays this request's SQL for. */
        baseline?: {
          url: string;
          headers: Record<string, string>;
          method?: string;
          body?: () => unknown;
          rollback?: boolean;
          /** Run once between the API's runs and the baseline's (to free what the API took). */
          before?: () => Promise<void>;
        };
      } = {},
    ) => {
      await keepSignedIn();
      step(`timing ${what}`);
      // A request over a second is timed SLOW_RUNS times, so one slow read cannot take the
      // run's whole budget (its p95 and p99 are then the slowest of few).
      let first: Timed;
      try {
        first = expectStatus(await once(), 200, what);
      } catch (error) {
        if (!(error instanceof RequestTimeout)) throw error;
        step(`${what}: ${error.message}; cancelling its queries`);
        await cancelApiQueries();
        rows.push({ what, timing: summarise([]), timedOut: true });
        dropIdleConnections();
        return null;
      }
      const runs = first.ms > 1000 ? Math.min(RUNS, SLOW_RUNS) : RUNS;
      const apiOnce = async () => expectStatus(await once(), 200, what);
      // A read takes turns with the baseline; anything that writes, or must free what the API
      // took first, does not (see oneSideThenTheOther).
      const given = options.baseline;
      const baselineRead =
        given &&
        (given.method ?? 'GET') === 'GET' &&
        !given.before &&
        !given.rollback &&
        given.body === undefined
          ? given
          : null;
      // A write (or a request without a baseline): the API's runs, then the baseline's.
      const oneSideThenTheOther = async () => {
        const { summary, last } = await repeat(Math.max(0, warmUp - 1), runs, apiOnce);
        const statements = await statementsOf(api, once);
        if (!options.baseline) return { summary, last, statements, ratio: undefined };
        const { url, headers, method = 'GET', body, rollback, before } = options.baseline;
        await before?.();
        await addBaselineRoute(baseline, { method, url, statements, rollback });
        const bare = await repeat(warmUp, runs, async () =>
          expectStatus(
            await request(BASELINE_PORT, method, url, headers, body?.()),
            200,
            `${what} (baseline)`,
          ),
        );
        return { summary, last, statements, ratio: bare.summary.median / summary.median };
      };
      // A read: its statements recorded first, then the API's and the baseline's runs taken in
      // turns (which goes first alternating), so that a slow spell of a shared machine falls on
      // both sides of the ratio rather than on one.
      const inTurns = async ({
        url,
        headers,
      }: {
        url: string;
        headers: Record<string, string>;
      }) => {
        for (let i = 1; i < warmUp; i++) await apiOnce();
        const statements = await statementsOf(api, once);
        await addBaselineRoute(baseline, { url, statements });
        const bareOnce = async () =>
          expectStatus(
            await request(BASELINE_PORT, 'GET', url, headers),
            200,
            `${what} (baseline)`,
          );
        for (let i = 0; i < warmUp; i++) await bareOnce();
        const appSamples: number[] = [];
        const bareSamples: number[] = [];
        let last = first;
        for (let i = 0; i < runs; i++) {
          if (i % 2 === 1) bareSamples.push((await bareOnce()).ms);
          last = await apiOnce();
          appSamples.push(last.ms);
          if (i % 2 === 0) bareSamples.push((await bareOnce()).ms);
        }
        const summary = summarise(appSamples);
        return { summary, last, statements, ratio: summarise(bareSamples).median / summary.median };
      };
      const { summary, last, statements, ratio } = baselineRead
        ? await inTurns(baselineRead)
        : await oneSideThenTheOther();
      rows.push({
        what,
        timing: summary,
        statements: statements.length,
        ratio,
        extra: options.extra?.(last),
      });
      return { last, statements, summary };
    };
    const read = (
      what: string,
      warmUp: number,
      url: string,
      headers = auth,
      extra?: (last: Timed) => string,
    ) => measure(what, warmUp, get(url, headers), { baseline: { url, headers }, extra });

    const from = addDays(people.today, -3 * 365);
    const progressUrl = `${apiUrl(ApiRoutes.progress, { id: people.clientId })}?from=${from}&to=${people.today}`;
    const progress = required(
      await read(
        'progress data, 3 years (`GET /api/clients/:id/progress`)',
        3,
        progressUrl,
        auth,
        (last) => `${(last.body.length / 1000).toFixed(0)} kB JSON`,
      ),
      'progress data',
    );

    const reportsUrl = apiUrl(ApiRoutes.reports.forClient, { id: people.clientId });
    const created = required(
      await measure('create a 3-year report (`POST /api/clients/:id/reports`)', 1, async () => {
        const result = await request(PORT, 'POST', reportsUrl, auth, { from, to: people.today });
        return { ...result, status: result.status === 201 ? 200 : result.status };
      }),
      'report creation',
    );
    const reportId = (JSON.parse(created.last.body.toString('utf8')) as ReportDetail).id;
    const pagesOf = (pdf: Buffer) =>
      pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    const pdf = required(
      await measure(
        'its PDF (`GET /api/reports/:id/pdf`)',
        2,
        get(apiUrl(ApiRoutes.reports.pdf, { id: reportId })),
        {
          extra: (last) =>
            `${(last.body.length / 1024).toFixed(0)} KB, ${pagesOf(last.body)} pages`,
        },
      ),
      'the report PDF',
    );
    // The same pages drawn by pdfkit alone, in this process, from the same progress data.
    await keepSignedIn();
    step('timing the bare pdfkit report');
    const progressData = JSON.parse(progress.last.body.toString('utf8')) as ClientProgress;
    for (let i = 0; i < 2; i++) await drawBareReport(progressData);
    const bareSamples: number[] = [];
    let barePages = 0;
    let bareBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const drawn = await drawBareReport(progressData);
      bareSamples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      barePages = drawn.pages;
      bareBytes = drawn.pdf.length;
    }
    const bare = summarise(bareSamples);
    dropIdleConnections();
    rows.push({
      what: '… the same pages drawn by pdfkit alone (`bench/src/bare-pdf.ts`)',
      timing: bare,
      ratio: bare.median / pdf.summary.median,
      extra: `${(bareBytes / 1024).toFixed(0)} KB, ${barePages} pages; ratio = bare time / app time`,
    });

    await measure(
      'the whole record as FHIR (`GET /api/fhir/Patient/:id/$everything`)',
      2,
      get(apiUrl(ApiRoutes.fhir.everything, { id: people.clientId })),
      { extra: (last) => `${(last.body.length / 1000).toFixed(0)} kB FHIR JSON` },
    );
    await measure(
      'the whole-record export zip (`GET /api/clients/:id/record-export`)',
      2,
      get(apiUrl(ApiRoutes.recordExport, { id: people.clientId })),
      { extra: (last) => `${(last.body.length / 1024).toFixed(0)} KB zip` },
    );

    const listUrl = `${apiUrl(ApiRoutes.clients.list)}?page=1`;
    await read(
      `caseload list, page 1 of ${counts?.['caseload']} (\`GET /api/clients?page=1\`)`,
      5,
      listUrl,
    );
    await read(
      `admin directory, page 1 of ${counts?.['clinic_clients']} (same route, as the admin)`,
      5,
      listUrl,
      adminAuth,
    );
    await read(
      'client chart (`GET /api/clients/:id`)',
      5,
      apiUrl(ApiRoutes.clients.one, { id: people.clientId }),
    );
    await read(
      'therapist home (`GET /api/dashboard/caseload`)',
      3,
      apiUrl(ApiRoutes.dashboard.caseload),
    );
    await read(
      `audit trail, page 1 of ${bulk.auditRows}+, one category (\`GET /api/audit-events?category=client_file\`)`,
      3,
      `${apiUrl(ApiRoutes.auditEvents)}?category=client_file`,
      adminAuth,
    );

    // Writes, each replayed by the baseline: a draft note's autosave (the same UPDATE replayed
    // and committed), and a booking with its reminders (replayed at the time the API booked last,
    // that booking cancelled first so the slot is free, and rolled back so it stays free; see
    // baseline-server.ts).
    const draftTime = `${addDays(people.today, -1)}T15:00:00.000Z`;
    const draftRequest = {
      sessionAt: draftTime,
      durationMinutes: 50,
      serviceType: 'individual_45' as const,
    };
    const draft = JSON.parse(
      expectStatus(
        await request(
          PORT,
          'POST',
          apiUrl(ApiRoutes.notes.forClient, { id: people.clientId }),
          auth,
          { templateCode: 'soap', ...draftRequest },
        ),
        201,
        'a draft note',
      ).body.toString('utf8'),
    ) as NoteDetail;
    const noteUrl = apiUrl(ApiRoutes.notes.one, { id: draft.id });
    let version = draft.version;
    const autosaveBody = () => ({
      ...draftRequest,
      version,
      content: {
        subjective: `Talked about the week since the last session (autosave ${version}).`,
        plan: 'Keep the daily check-in; bring the journal next time.',
      },
    });
    await measure(
      'autosave of a draft note (`PUT /api/notes/:id`)',
      3,
      async () => {
        const result = await request(PORT, 'PUT', noteUrl, auth, autosaveBody());
        if (result.status === 200)
          version = (JSON.parse(result.body.toString('utf8')) as NoteDetail).version;
        return result;
      },
      { baseline: { url: noteUrl, headers: auth, method: 'PUT', body: autosaveBody } },
    );
    // One booking a day, 50 minutes at 07:00 UTC, from a year ahead: no two clash with each other
    // or with the seeded care. The admin books it, the reason for booking outside hours recorded.
    let bookingDay = 365;
    let lastBooked = '';
    const bookingBody = () => {
      const day = addDays(people.today, bookingDay);
      return {
        therapistId: people.therapistId,
        kind: 'session' as const,
        start: `${day}T07:00:00.000Z`,
        end: `${day}T07:50:00.000Z`,
        clientIds: [people.clientId],
        overrideReason: 'Benchmark booking',
      };
    };
    const appointmentsUrl = apiUrl(ApiRoutes.scheduling.appointments);
    await measure(
      'booking a session (`POST /api/appointments`)',
      3,
      async () => {
        const result = await request(PORT, 'POST', appointmentsUrl, adminAuth, bookingBody());
        if (result.status === 201) {
          const booked = JSON.parse(result.body.toString('utf8')) as BookingResult;
          lastBooked = booked.appointments[0]?.id ?? '';
          bookingDay++;
        }
        return { ...result, status: result.status === 201 ? 200 : result.status };
      },
      {
        baseline: {
          url: appointmentsUrl,
          headers: adminAuth,
          method: 'POST',
          // Sent for its size only: the replay runs the recorded statements.
          body: bookingBody,
          rollback: true,
          before: async () => {
            expectStatus(
              await request(
                PORT,
                'POST',
                apiUrl(ApiRoutes.scheduling.cancel, { id: lastBooked }),
                adminAuth,
                { reason: 'Benchmark: the slot freed for the baseline' },
              ),
              200,
              'cancelling the last booking',
            );
          },
        },
      },
    );

    // Sign-in hashes with scrypt: a cheap read's p99 alone, then while 20 sign-ins run at once.
    await keepSignedIn();
    step(`sign-in: a cheap read alone, then with ${SIGN_INS} sign-ins in flight`);
    const cheapUrl = apiUrl(ApiRoutes.auth.me);
    const cheap = get(cheapUrl);
    await repeat(10, 1, async () => expectStatus(await cheap(), 200, 'cheap read'));
    const alone = (await repeat(0, 200, async () => expectStatus(await cheap(), 200, 'cheap read')))
      .summary;
    const during: number[] = [];
    const signInTimes: number[] = [];
    for (let burst = 0; burst < 5; burst++) {
      let pending = SIGN_INS;
      const signIns = Array.from({ length: SIGN_INS }, async (_, index) => {
        const result = await request(
          PORT,
          'POST',
          apiUrl(ApiRoutes.auth.login),
          {},
          { email: `sign-in-${index + 1}@bench.test`, password: PASSWORD },
        ).finally(() => pending--);
        expectStatus(result, 200, 'sign-in');
        signInTimes.push(result.ms);
      });
      // Handled from the start: a failed sign-in ends the loop below and is thrown after it.
      const all = Promise.all(signIns);
      all.catch(() => undefined);
      while (pending > 0) during.push(expectStatus(await cheap(), 200, 'cheap read').ms);
      await all;
    }
    const withSignIns = summarise(during);
    const signIns = summarise(signInTimes);
    rows.push(
      { what: 'a cheap read (`GET /api/auth/me`), alone', timing: alone },
      {
        what: `… the same while ${SIGN_INS} sign-ins run at once (5 rounds)`,
        timing: withSignIns,
        extra: `p99 ${(withSignIns.p99 / alone.p99).toFixed(1)}× alone; the sign-ins took ${ms(signIns.median)} median, ${ms(signIns.p99)} p99`,
      },
    );

    let backupTiming: Awaited<ReturnType<typeof timeBackupAndRestore>> | null = null;
    if (BACKUP_RUNS > 0) {
      step(`backup and restore, ${BACKUP_RUNS} runs`);
      backupTiming = await timeBackupAndRestore(database.url, ENCRYPTION_KEYS, BACKUP_RUNS);
      step(describeBackupTiming(backupTiming));
      dropIdleConnections();
    }

    // Under load: the caseload list, the chart and the therapist home, 10 and 50 in flight, the
    // API and the baseline (its routes were added by the rows above) in alternating rounds, with
    // the API's peak RSS.
    let rssPeak = 0;
    const loadRow = async (what: string, url: string, concurrency: number) => {
      await keepSignedIn();
      const perRound = Math.ceil(LOAD_REQUESTS / LOAD_ROUNDS);
      step(
        `load: ${perRound * LOAD_ROUNDS} × ${what}, ${concurrency} at a time, API and baseline in ${LOAD_ROUNDS} rounds each`,
      );
      const baselineGet = () => request(BASELINE_PORT, 'GET', url, auth);
      // The warm-up's memory counts too, as it did when the row ran in one piece.
      let mb = (await peakRss(api.pid ?? 0, () => load(concurrency, 50, get(url)))).mb;
      await load(concurrency, 50, baselineGet);
      const appRounds: Throughput[] = [];
      const baselineRounds: Throughput[] = [];
      let appCpu = 0;
      let baselineCpu = 0;
      for (let round = 0; round < LOAD_ROUNDS; round++) {
        const app = await peakRss(api.pid ?? 0, () =>
          cpuWhile(api.pid ?? 0, () => load(concurrency, perRound, get(url))),
        );
        appRounds.push(app.result[0]);
        appCpu += app.result[1];
        mb = Math.max(mb, app.mb);
        const [bare, bareCpu] = await cpuWhile(baseline.pid ?? 0, () =>
          load(concurrency, perRound, baselineGet),
        );
        baselineRounds.push(bare);
        baselineCpu += bareCpu;
      }
      rssPeak = Math.max(rssPeak, mb);
      const appLoad = mergeThroughput(appRounds);
      const baselineLoad = mergeThroughput(baselineRounds);
      const requests = perRound * LOAD_ROUNDS;
      const perRequest = (cpu: number) => `${(cpu / requests).toFixed(2)} ms CPU/request`;
      const statements = rows.find((row) => row.what.startsWith(what))?.statements;
      rows.push(
        {
          what: `${what} under load, ${concurrency} in flight: API`,
          timing: appLoad,
          statements,
          ratio: appLoad.requestsPerSecond / baselineLoad.requestsPerSecond,
          extra: `API peak RSS ${mb.toFixed(0)} MB; ${perRequest(appCpu)}`,
        },
        {
          what: '… same SQL on node:http + pg (baseline)',
          timing: baselineLoad,
          statements,
          extra: perRequest(baselineCpu),
        },
      );
    };
    // A read slower than 100 ms one at a time would take minutes under load: left out, noted.
    const hot = [
      ['caseload list', listUrl],
      ['client chart', apiUrl(ApiRoutes.clients.one, { id: people.clientId })],
      ['therapist home', apiUrl(ApiRoutes.dashboard.caseload)],
    ] as const;
    const skipped: string[] = [];
    for (const concurrency of [10, 50]) {
      for (const [what, url] of hot) {
        const alone = rows.find((row) => row.what.startsWith(what));
        const median = alone && 'median' in alone.timing ? alone.timing.median : NaN;
        if (!alone || alone.timedOut || !(median <= 100)) {
          if (concurrency === 10) {
            skipped.push(
              `${what} (${alone?.timedOut ? `over ${REQUEST_TIMEOUT_S} s` : ms(median)} one at a time)`,
            );
          }
          continue;
        }
        await loadRow(what, url, concurrency);
      }
    }

    // Last: after it the running API (key bench-1 only) could no longer open the values.
    let reseal: { values: number; seconds: number } | null = null;
    if (RESEAL) {
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
      reseal = { values: resealed, seconds: (Date.now() - resealStarted) / 1000 };
      await resealDb.end();
    }

    const bundle = initialBundle();
    const cpus = os.cpus();
    const loadAfter = os.loadavg()[0];
    process.stdout.write(
      [
        '',
        `Cairn benchmark, BENCH_SIZE=${DATASET.size}, ${new Date().toISOString().slice(0, 16)}Z: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ` +
          `${process.env['DATABASE_URL'] ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL'}, API in production mode, ` +
          `load average ${loadBefore.toFixed(1)} before the run, ${loadAfter.toFixed(1)} after; seeded in ${seedSeconds.toFixed(0)} s, ran in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
        `Data: ${bulk.clinics} clinic(s), ${bulk.therapists} therapists, ${bulk.clients} clients (${counts?.['clinic_clients']} in the bench clinic, ${counts?.['caseload']} on the bench caseload); ` +
          `two years of care: ${bulk.appointments} sessions, ${bulk.notes} signed notes, ${bulk.assessments} PHQ-9s (sealed in Node, COPY); ${bulk.auditRows} audit rows. ` +
          `The three-year client: ${counts?.['appointments']} appointments (${counts?.['completed']} completed), ${counts?.['assessments']} completed questionnaires, ` +
          `${counts?.['entries']} homework entries (client and partner).`,
        `API peak RSS under the load rows: ${rssPeak.toFixed(0)} MB.` +
          (skipped.length ? ` Not loaded (over 100 ms alone): ${skipped.join(', ')}.` : ''),
        '',
        table(rows),
        '',
        backupTiming
          ? describeBackupTiming(backupTiming)
          : 'Backup and restore: not timed at this size (BENCH_BACKUP_RUNS=3 to time them).',
        '',
        `Sealing the seeded clear text (start-up step): ${sealedNow} values in ${sealSeconds.toFixed(1)} s ` +
          `(${Math.round(sealedNow / sealSeconds)} rows/s). ` +
          (reseal
            ? `Re-seal under a new key (\`npm run keys:reseal\`'s work, batches of 500): ` +
              `${reseal.values} values in ${reseal.seconds.toFixed(1)} s (${Math.round(reseal.values / reseal.seconds)} rows/s).`
            : 'Re-seal: not timed at this size (BENCH_RESEAL=1 to time it).'),
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
    // Each child drains before it exits (the API answers 503 to health first) and the API writes
    // its CPU profile on the way out: wait for that, so the next run finds its ports free.
    await Promise.all(children.map((child) => stopped(child, 15_000)));
    await database.dispose();
  }
}

/** SIGTERM, then the exit; SIGKILL if it has not come within `graceMs`. */
function stopped(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
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
