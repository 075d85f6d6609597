import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** What every log line and audit event needs to know about the request it belongs to. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  user: AuthenticatedUser | null;
}

const storage = new AsyncLocalStorage<RequestContext>();
const INBOUND_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Express middleware: gives the request an id (or keeps a sane inbound one) and a context. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const inbound = req.header('x-request-id');
  const requestId = inbound && INBOUND_ID.test(inbound) ? inbound : randomUUID();
  res.setHeader('x-request-id', requestId);
  storage.run({ requestId, ip: plainAddress(req.ip), user: null }, next);
}

/** `::ffff:127.0.0.1` is IPv4 seen through an IPv6 socket; keep it readable as `127.0.0.1`. */
function plainAddress(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
