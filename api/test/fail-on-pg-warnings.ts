import util from 'node:util';

/**
 * Fails the integration test during which pg warns that a query was sent on a connection that is
 * still running another one (concurrent queries on one transaction's client; pg 9 refuses
 * them). pg builds that warning with util.deprecate when it loads, which Node prints once per
 * process and the test run would otherwise scroll past.
 */
const CONCURRENT_QUERY = /already executing a query/;
type Deprecate = typeof util.deprecate & { cairnSeen?: string[] };

// The util module is shared by every test file of a jest worker; patch it once.
const deprecate = util.deprecate as Deprecate;
if (!deprecate.cairnSeen) {
  const seen: string[] = [];
  const patched: Deprecate = ((
    fn: (...args: unknown[]) => unknown,
    message: string,
    code?: string,
  ) => {
    if (!CONCURRENT_QUERY.test(message)) return deprecate(fn, message, code);
    return function (this: unknown, ...args: unknown[]) {
      seen.push(`${message}\n${new Error().stack ?? ''}`);
      return fn.apply(this, args);
    };
  }) as Deprecate;
  patched.cairnSeen = seen;
  util.deprecate = patched;
}

afterEach(() => {
  const seen = (util.deprecate as Deprecate).cairnSeen ?? [];
  if (seen.length === 0) return;
  const message = seen[0] ?? '';
  seen.length = 0;
  throw new Error(`pg warned during this test: ${message}`);
});
