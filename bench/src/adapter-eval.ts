/**
 * `node dist/bench/bench/src/adapter-eval.js`: the Express or Fastify question (docs/scale.md),
 * answered with numbers. The same small Nest pipeline as Cairn's (the request context in
 * AsyncLocalStorage, helmet, a global guard running passport-jwt whose validate opens the
 * transaction and reads the session, a global ValidationPipe on a query DTO, an interceptor that
 * commits, a controller and a service issuing a caseload page through `pg`) is booted on
 * `@nestjs/platform-express` and on `@nestjs/platform-fastify`, and beside them a raw
 * `node:http` + `pg` server sends the very same statements. Each server runs in a process of its
 * own; the load comes from this one through bench/src/http-timing.ts, 10 and 50 in flight, the
 * servers taking turns so a busy moment of the machine does not land on one of them only.
 *
 * Ports: ADAPTER_EVAL_PORT (3961, and the next two), ADAPTER_EVAL_PG_PORT (55461).
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import {
  type CallHandler,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  type NestInterceptor,
  Query,
  UnauthorizedException,
  ValidationPipe,
} from '@nestjs/common';
import { AbstractHttpAdapter, APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import helmet from 'helmet';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Pool, type PoolClient } from 'pg';
import { concatMap, from, type Observable } from 'rxjs';
import { builtApi, ROOT } from './built-api';
import { load, request, type Throughput } from './http-timing';
import { cpuWhile } from './process-cpu';

type Server = 'express' | 'fastify' | 'raw';
const SERVERS: Server[] = ['raw', 'express', 'fastify'];
const BASE_PORT = Number(process.env['ADAPTER_EVAL_PORT'] ?? 3961);
const PG_PORT = Number(process.env['ADAPTER_EVAL_PG_PORT'] ?? 55461);
const REQUESTS = Number(process.env['ADAPTER_EVAL_REQUESTS'] ?? 2000);
const ROUNDS = Number(process.env['ADAPTER_EVAL_ROUNDS'] ?? 3);
const CASELOAD = 500;

interface Order {
  server: Server;
  port: number;
  databaseUrl: string;
  jwtSecret: string;
}

// ---- what every server runs: the caseload page's statements ----------------------------------

const SCHEMA = `
  CREATE TABLE users (id uuid PRIMARY KEY, clinic_id uuid NOT NULL, display_name text NOT NULL,
    role text NOT NULL, email text NOT NULL, is_active boolean NOT NULL DEFAULT true);
  CREATE TABLE sessions (id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES users,
    expires_at timestamptz NOT NULL, revoked_at timestamptz);
  CREATE TABLE clients (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), clinic_id uuid NOT NULL,
    legal_name text NOT NULL, preferred_name text, status text NOT NULL, email text,
    primary_therapist_id uuid REFERENCES users, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE INDEX clients_caseload ON clients (primary_therapist_id, lower(coalesce(preferred_name, legal_name)), id);
  CREATE TABLE audit_events (id uuid PRIMARY KEY, occurred_at timestamptz NOT NULL,
    user_id uuid, clinic_id uuid, action text NOT NULL, request_id text, ip text, detail jsonb);
`;

async function one(client: PoolClient, sql: string, params: unknown[]) {
  return (await client.query<Record<string, unknown>>(sql, params)).rows;
}

/** The session check, the page, its capped count and the audit row, in one transaction. */
async function caseloadPage(
  client: PoolClient,
  claims: { sub: string; sid: string; cid: string },
  page: number,
  pageSize: number,
  requestId: string,
): Promise<{ items: Record<string, unknown>[]; total: number } | null> {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('app.clinic_id', $1, true)`, [claims.cid]);
    const [user] = await one(
      client,
      `SELECT u.id, u.role, u.clinic_id AS "clinicId", u.display_name AS "displayName"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active`,
      [claims.sid, claims.sub],
    );
    if (!user) {
      await client.query('ROLLBACK');
      return null;
    }
    const items = await one(
      client,
      `SELECT c.id, c.legal_name, c.preferred_name, c.status, c.email, c.updated_at,
              t.display_name AS therapist_name
         FROM clients c LEFT JOIN users t ON t.id = c.primary_therapist_id
        WHERE c.clinic_id = $1 AND c.primary_therapist_id = $2
        ORDER BY lower(coalesce(c.preferred_name, c.legal_name)), c.id LIMIT $3 OFFSET $4`,
      [claims.cid, claims.sub, pageSize, (page - 1) * pageSize],
    );
    const [count] = await one(
      client,
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM clients c
        WHERE c.clinic_id = $1 AND c.primary_therapist_id = $2 LIMIT 1001) capped`,
      [claims.cid, claims.sub],
    );
    await client.query(
      `INSERT INTO audit_events (id, occurred_at, user_id, clinic_id, action, request_id, ip, detail)
       VALUES ($1, now(), $2, $3, 'client.listed', $4, '127.0.0.1', $5)`,
      [randomUUID(), claims.sub, claims.cid, requestId, { returned: items.length, page }],
    );
    await client.query('COMMIT');
    return { items, total: Number(count?.['total'] ?? 0) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

// ---- the Nest pipeline (the same on both adapters) --------------------------------------------

interface Context {
  requestId: string;
  client?: PoolClient;
  claims?: { sub: string; sid: string; cid: string };
}
const storage = new AsyncLocalStorage<Context>();
let pool: Pool;

@Injectable()
class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor() {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: createSecretKey(
        Buffer.from(process.env['EVAL_JWT_SECRET'] ?? '', 'utf8'),
      ) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: 'cairn',
      audience: 'cairn-api',
    });
  }

  async validate(claims: { sub: string; sid: string; cid: string }) {
    const context = storage.getStore();
    if (!context) throw new UnauthorizedException();
    // Cairn's guard opens the request's transaction and reads the session: here the connection
    // is taken and the service sends the statements.
    context.client = await pool.connect();
    context.claims = claims;
    return { id: claims.sub };
  }
}

@Injectable()
class JwtGuard extends AuthGuard('jwt') {}

@Injectable()
class RoleGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return Boolean(context.switchToHttp().getRequest<{ user?: unknown }>().user);
  }
}

@Injectable()
class ReleaseInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      concatMap((value: unknown) => {
        const context = storage.getStore();
        context?.client?.release();
        if (context) context.client = undefined;
        return from(Promise.resolve(value));
      }),
    );
  }
}

class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 50;
}

@Controller('clients')
class ClientsController {
  @Get()
  async list(@Query() query: PageQueryDto) {
    const context = storage.getStore();
    if (!context?.client || !context.claims) throw new UnauthorizedException();
    const page = await caseloadPage(
      context.client,
      context.claims,
      query.page,
      query.pageSize,
      context.requestId,
    );
    if (!page) throw new UnauthorizedException();
    return page;
  }
}

@Module({
  imports: [PassportModule],
  controllers: [ClientsController],
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtGuard },
    { provide: APP_GUARD, useClass: RoleGuard },
    { provide: APP_INTERCEPTOR, useClass: ReleaseInterceptor },
  ],
})
class EvalModule {}

type Next = (error?: unknown) => void;
type RawReq = http.IncomingMessage;
type RawRes = http.ServerResponse;

async function serveNest(order: Order): Promise<void> {
  process.env['EVAL_JWT_SECRET'] = order.jwtSecret;
  const context = (_req: RawReq, res: RawRes, next: Next) => {
    const store: Context = { requestId: randomUUID() };
    res.setHeader('x-request-id', store.requestId);
    res.once('finish', () => {
      store.client?.release();
      store.client = undefined;
    });
    storage.run(store, next);
  };
  const noStore = (_req: RawReq, res: RawRes, next: Next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  const pipes = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
  });
  const adapter = order.server === 'express' ? await expressAdapter() : await fastifyAdapter();
  const app = await NestFactory.create(EvalModule, adapter, { logger: false, abortOnError: false });
  // On Fastify, connect-style middleware runs through @fastify/middie on the raw request and response.
  for (const middleware of [context, helmet(), noStore]) app.use(middleware);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(pipes);
  await app.listen(order.port, '127.0.0.1');
}

/**
 * No longer one of the project's dependencies (Cairn runs on Fastify); for a run of this script:
 *   npm install --no-save @nestjs/platform-express@12.5.1
 */
async function expressAdapter(): Promise<AbstractHttpAdapter> {
  const expressPackage = '@nestjs/platform-express';
  const { ExpressAdapter } = (await import(expressPackage).catch(() => {
    throw new Error(
      `${expressPackage} is not installed: npm install --no-save ${expressPackage}@12.5.1`,
    );
  })) as { ExpressAdapter: new () => AbstractHttpAdapter };
  return new ExpressAdapter();
}

async function fastifyAdapter(): Promise<AbstractHttpAdapter> {
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');
  return new FastifyAdapter();
}

// ---- the raw baseline ---------------------------------------------------------------------------

function verify(header: string | undefined, secret: string) {
  const [head, body, signature] = (header ?? '').replace(/^Bearer /, '').split('.');
  if (!head || !body || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  if (expected !== signature) return null;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
    sub: string;
    sid: string;
    cid: string;
    exp: number;
  };
  return claims.exp * 1000 > Date.now() ? claims : null;
}

function serveRaw(order: Order): void {
  const server = http.createServer((req, res) => {
    const claims = verify(req.headers.authorization, order.jwtSecret);
    if (!claims) {
      res.writeHead(401).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    void (async () => {
      const client = await pool.connect();
      try {
        const page = await caseloadPage(
          client,
          claims,
          Number(url.searchParams.get('page') ?? 1),
          50,
          randomUUID(),
        );
        res.writeHead(page ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(page));
      } finally {
        client.release();
      }
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.listen(order.port, '127.0.0.1', () => process.send?.('listening'));
}

// ---- the driver -------------------------------------------------------------------------------

function token(secret: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

async function seed(url: string): Promise<{ clinicId: string; userId: string; sessionId: string }> {
  const db = new Pool({ connectionString: url, max: 1 });
  const clinicId = randomUUID();
  const userId = randomUUID();
  const sessionId = randomUUID();
  await db.query(SCHEMA);
  await db.query(
    `INSERT INTO users (id, clinic_id, display_name, role, email) VALUES ($1, $2, 'Dr. Eval', 'therapist', 'eval@bench.test')`,
    [userId, clinicId],
  );
  await db.query(
    `INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')`,
    [sessionId, userId],
  );
  await db.query(
    `INSERT INTO clients (clinic_id, legal_name, preferred_name, status, email, primary_therapist_id)
     SELECT $1, 'Client ' || g, CASE WHEN g % 3 = 0 THEN 'C' || g END, 'active', 'c' || g || '@bench.test', $2
       FROM generate_series(1, $3::int) g`,
    [clinicId, userId, CASELOAD],
  );
  await db.query('VACUUM ANALYZE');
  await db.end();
  return { clinicId, userId, sessionId };
}

function start(order: Order): Promise<ChildProcess> {
  const child = fork(__filename, ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${order.server} exited with ${code}`)));
    child.send(order);
  });
}

async function drive(): Promise<void> {
  const directory = path.join(ROOT, '.data/adapter-eval');
  rmSync(directory, { recursive: true, force: true });
  const database = await builtApi().startEmbeddedPostgres({
    directory,
    port: PG_PORT,
    password: randomBytes(12).toString('hex'),
    database: 'adapter_eval',
  });
  const children: ChildProcess[] = [];
  try {
    const people = await seed(database.url);
    const jwtSecret = randomBytes(32).toString('hex');
    const now = Math.floor(Date.now() / 1000);
    const headers = {
      authorization: `Bearer ${token(jwtSecret, {
        sub: people.userId,
        sid: people.sessionId,
        cid: people.clinicId,
        iss: 'cairn',
        aud: 'cairn-api',
        iat: now,
        exp: now + 3600,
      })}`,
    };
    const ports = new Map<Server, number>();
    const pids = new Map<Server, number>();
    for (const [index, server] of SERVERS.entries()) {
      const port = BASE_PORT + index;
      ports.set(server, port);
      const child = await start({ server, port, databaseUrl: database.url, jwtSecret });
      children.push(child);
      pids.set(server, child.pid ?? 0);
    }
    const url = '/api/clients?page=1';
    for (const server of SERVERS) {
      const answer = await request(ports.get(server) ?? 0, 'GET', url, headers);
      const body = JSON.parse(answer.body.toString('utf8')) as { items?: unknown[] };
      if (answer.status !== 200 || body.items?.length !== 50)
        throw new Error(`${server}: HTTP ${answer.status} ${answer.body.toString().slice(0, 200)}`);
    }
    const results = new Map<string, Throughput[]>();
    const cpu = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const concurrency of [10, 50]) {
        // A different server first each round.
        const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]);
        for (const server of order) {
          const once = () => request(ports.get(server) ?? 0, 'GET', url, headers);
          await load(concurrency, 200, once);
          const [measured, spent] = await cpuWhile(pids.get(server) ?? 0, () =>
            load(concurrency, REQUESTS, once),
          );
          const key = `${server}:${concurrency}`;
          results.set(key, [...(results.get(key) ?? []), measured]);
          cpu.set(key, [...(cpu.get(key) ?? []), spent / REQUESTS]);
          process.stderr.write(
            `adapter-eval: round ${round + 1}, ${server}, ${concurrency} in flight: ${measured.requestsPerSecond.toFixed(0)} req/s, ${(spent / REQUESTS).toFixed(2)} ms CPU/request\n`,
          );
        }
      }
    }
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? NaN;
    };
    const rate = (server: Server, concurrency: number) =>
      median((results.get(`${server}:${concurrency}`) ?? []).map((r) => r.requestsPerSecond));
    const cpuOf = (server: Server, concurrency: number) =>
      median(cpu.get(`${server}:${concurrency}`) ?? []);
    const cell = (server: Server, concurrency: number) =>
      `${rate(server, concurrency).toFixed(0)} req/s · ${cpuOf(server, concurrency).toFixed(2)} ms | ` +
      `${(rate(server, concurrency) / rate('raw', concurrency)).toFixed(2)}×`;
    const lines = [
      `Adapter evaluation: ${REQUESTS} requests per run, ${ROUNDS} rounds (medians), Node ${process.version}, ` +
        `load average ${os.loadavg()[0]?.toFixed(1)} at the end`,
      '',
      '| server | 10 in flight: req/s · CPU ms/request | vs raw | 50 in flight | vs raw |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...SERVERS.map((server) => `| ${server} | ${cell(server, 10)} | ${cell(server, 50)} |`),
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await database.stop();
  }
}

if (process.argv[2] === 'serve') {
  process.once('message', (order: Order) => {
    pool = new Pool({ connectionString: order.databaseUrl, max: 10 });
    pool.on('error', () => undefined);
    if (order.server === 'raw') serveRaw(order);
    else
      void serveNest(order).then(
        () => process.send?.('listening'),
        (error: unknown) => {
          process.stderr.write(`${order.server}: ${String(error)}\n`);
          process.exit(1);
        },
      );
  });
} else {
  drive().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `adapter-eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
