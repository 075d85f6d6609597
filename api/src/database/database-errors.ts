/** Whether an error is PostgreSQL refusing a row by an exclusion constraint (or a named one). */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  return hasCode(error, '23P01', constraint);
}

/** Whether an error is PostgreSQL refusing a unique constraint (or a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return hasCode(error, '23505', constraint);
}

function hasCode(error: unknown, sqlState: string, constraint: string | undefined): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  return code === sqlState && (constraint === undefined || violated === constraint);
}

// Node's socket errors, and SQLSTATEs for a server that is going away, starting up or full.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up or shutting down
  '53300', // too_many_connections
]);
// pg reports a lost or never-made connection in words, without a code; TypeORM releases a
// transaction's query runner when its connection breaks, and the transaction's next query (or
// a savepoint opened on it, through EntityManager.transaction) says so in either of two ways.
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Connection ended|Query runner already released|connection provided by a query runner was already released/i;

/** Why the database cannot be used, in words for /api/health and the log. */
export type DatabaseOutage =
  | 'it refuses connections'
  | 'it cannot be reached'
  | 'the connection was lost'
  | 'it did not answer in time'
  | 'it is shutting down or starting up'
  | 'it has no free connections';

/**
 * Why the database could not be used, when an error says it was unreachable rather than that a
 * query was wrong; null otherwise. Looks through TypeORM's and Node's wrappers (driverError,
 * cause, AggregateError.errors).
 */
export function databaseOutage(error: unknown): DatabaseOutage | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, message, driverError, cause, errors } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08')))
      return outageOf(code);
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message))
      return /timeout/i.test(message) ? 'it did not answer in time' : 'the connection was lost';
    const inner = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
    queue.push(...inner.filter((next) => next !== undefined));
  }
  return null;
}

function outageOf(code: string): DatabaseOutage {
  switch (code) {
    case 'ECONNREFUSED':
      return 'it refuses connections';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'it cannot be reached';
    case 'ETIMEDOUT':
      return 'it did not answer in time';
    case '57P01':
    case '57P02':
    case '57P03':
      return 'it is shutting down or starting up';
    case '53300':
      return 'it has no free connections';
    default:
      return 'the connection was lost';
  }
}
