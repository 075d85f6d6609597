import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QueryRunner } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** The database transaction a request (or a job) runs in, scoped to one clinic by RLS. */
export interface OpenTransaction {
  runner: QueryRunner;
  /** The clinic row-level security lets it see; null before anyone is signed in. */
  clinicId: string | null;
}

/** What every log line, audit event and query needs to know about the work it belongs to. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  user: AuthenticatedUser | null;
  transaction?: OpenTransaction;
  /** `GET /api/clients/:id`: the route pattern, never the concrete path (no ids or search terms). */
  route?: string;
  /** The client file the request's records belong to, once the access layer has loaded one. */
  clientId?: string;
  /**
   * Audit rows that must outlive the request's transaction (access denials): written after it
   * ends, committed or rolled back, in a transaction of their own.
   */
  pendingAudit?: unknown[];
  /** Work to start once the transaction has committed (mail about what it wrote); dropped on rollback. */
  afterCommit?: (() => void)[];
}

const storage = new AsyncLocalStorage<RequestContext>();
const INBOUND_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `work` with its own context (a job, or a transaction of its own beside a request's). */
export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** Where a request keeps its context and the async scope it was made in. */
const CONTEXT = Symbol('cairn.requestContext');
const SCOPE = Symbol('cairn.requestScope');
type WithContext = FastifyRequest & { [CONTEXT]?: RequestContext; [SCOPE]?: AsyncResource };

/** The context of a request, from its request object (for hooks that run outside its scope). */
export function contextOf(request: FastifyRequest): RequestContext | undefined {
  return (request as WithContext)[CONTEXT];
}

/**
 * Gives every request an id (or keeps a sane inbound one) and a context, in the first hook.
 *
 * Fastify reads the body from the socket's events, which run outside the async scope the first
 * hook opened; so the scope is kept as an AsyncResource and re-entered in `preValidation`, the
 * first hook after the body, and everything after it (guards, handlers, the error filter) sees
 * the request's context.
 */
export function installRequestContext(instance: FastifyInstance): void {
  instance.addHook('onRequest', (request, reply, done) => {
    const inbound = request.headers['x-request-id'];
    const requestId =
      typeof inbound === 'string' && INBOUND_ID.test(inbound) ? inbound : randomUUID();
    reply.header('x-request-id', requestId);
    const context: RequestContext = { requestId, ip: plainAddress(request.ip), user: null };
    const held = request as WithContext;
    held[CONTEXT] = context;
    storage.run(context, () => {
      held[SCOPE] = new AsyncResource('cairn.request');
      done();
    });
  });
  instance.addHook('preValidation', (request, _reply, done) => {
    const scope = (request as WithContext)[SCOPE];
    if (scope) scope.runInAsyncScope(done);
    else done();
  });
  // The transaction always ends before the answer is written (the interceptor commits, the
  // error filter rolls back). One still open once the answer is out is a bug: end it rather
  // than leave a connection checked out. A client that hangs up mid-request changes nothing:
  // the handler runs to its end and commits or rolls back as it would have.
  instance.addHook('onResponse', (request, _reply, done) => {
    const context = contextOf(request);
    if (context) abandonTransaction(context);
    done();
  });
}

function abandonTransaction(context: RequestContext): void {
  const transaction = context.transaction;
  if (!transaction) return;
  context.transaction = undefined;
  const { runner } = transaction;
  void (runner.isTransactionActive ? runner.rollbackTransaction() : Promise.resolve())
    .catch(() => undefined)
    .finally(() => runner.release().catch(() => undefined));
}

/** `::ffff:127.0.0.1` is IPv4 seen through an IPv6 socket; keep it readable as `127.0.0.1`. */
function plainAddress(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
