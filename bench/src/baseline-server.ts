/**
 * The baseline the benchmark compares with: plain `node:http` + `pg`, no framework, running the very
 * statements the API sent for the same request (recorded by query-counter.ts), with the same
 * HS256 token check and a JSON response. Started with `fork()`; told what to serve over IPC.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { Pool, type QueryResult } from 'pg';
import type { RecordedStatement } from './query-counter';

export interface BaselineOrder {
  port: number;
  databaseUrl: string;
  jwtSecret: string;
}

/** Sent after the order: from now on `method` `url` (path and query) replays these statements. */
export interface BaselineRoute {
  /** GET when absent. */
  method?: string;
  url: string;
  statements: RecordedStatement[];
  /**
   * A write whose rows carry ids or times the API chose (a booking): replayed as recorded, it
   * would clash with the row the API stored, so the replay ends in ROLLBACK instead of COMMIT.
   * That spares the baseline the commit's WAL flush, so its ratio errs against the API.
   */
  rollback?: boolean;
}

interface Replay {
  statements: RecordedStatement[];
  rollback: boolean;
}

function validToken(header: string | undefined, secret: string): boolean {
  const [head, body, signature] = (header ?? '').replace(/^Bearer /, '').split('.');
  if (!head || !body || !signature) return false;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp?: number };
  return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

/** Audit rows get their id from the API; a replayed insert needs a new one each time. */
function freshIds(statement: RecordedStatement): unknown[] {
  return statement.text.startsWith('INSERT INTO "audit_events"')
    ? [randomUUID(), ...statement.values.slice(1)]
    : statement.values;
}

const routes = new Map<string, Replay>();
const routeKey = (method: string | undefined, url: string | undefined) =>
  `${method ?? 'GET'} ${url ?? ''}`;

function serve(order: BaselineOrder): void {
  // The API's pool size (10), so neither has more connections.
  const pool = new Pool({ connectionString: order.databaseUrl, max: 10 });
  // The database stopping at the end of a run closes idle connections: not a failure.
  pool.on('error', () => undefined);
  const server = http.createServer((req, res) => {
    if (!validToken(req.headers.authorization, order.jwtSecret)) {
      res.writeHead(401).end();
      return;
    }
    const replay = routes.get(routeKey(req.method, req.url));
    if (!replay) {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      // A write's body is read as the API reads it (the replay does not need it).
      for await (const chunk of req) void chunk;
      let largest: unknown[] = [];
      // One connection per request, statements in order, as the API runs them (its request is
      // one transaction: BEGIN, the clinic setting, the work, COMMIT).
      const client = await pool.connect();
      try {
        for (const statement of replay.statements) {
          const text = replay.rollback && statement.text === 'COMMIT' ? 'ROLLBACK' : statement.text;
          type Rows = QueryResult<Record<string, unknown>>;
          const result = (await client.query(text, freshIds(statement))) as Rows | Rows[];
          // Several statements in one simple-protocol message (the API opens its transaction so)
          // answer with one result each.
          const results: Rows[] = Array.isArray(result) ? result : [result];
          for (const { rows } of results) if (rows.length > largest.length) largest = rows;
        }
      } finally {
        client.release();
      }
      const body = JSON.stringify({ items: largest });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.listen(order.port, '127.0.0.1', () => process.send?.('listening'));
}

process.on('message', (message: BaselineOrder | BaselineRoute) => {
  if ('statements' in message) {
    routes.set(routeKey(message.method, message.url), {
      statements: message.statements,
      rollback: message.rollback ?? false,
    });
    process.send?.('added');
  } else serve(message);
});
