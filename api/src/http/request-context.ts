import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
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
  /**
   * Audit rows that must outlive the request's transaction (access denials): written after it
   * ends, committed or rolled back, in a transaction of their own.
   */
  pendingAudit?: unknown[];
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

/** Express middleware: gives the request an id (or keeps a sane inbound one) and a context. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const inbound = req.header('x-request-id');
  const requestId = inbound && INBOUND_ID.test(inbound) ? inbound : randomUUID();
  res.setHeader('x-request-id', requestId);
  const context: RequestContext = { requestId, ip: plainAddress(req.ip), user: null };
  // Normally the transaction has ended before the answer is written; a client that hangs up
  // mid-request must not leave its connection checked out in an open transaction.
  res.once('close', () => abandonTransaction(context));
  storage.run(context, next);
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
