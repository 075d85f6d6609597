import type { OpenAPIObject } from '@nestjs/swagger';
import { INSTRUMENTS } from '@cairn/instruments';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { signIn } from '../../test/factories';
import {
  arbitraryFor,
  nastyValue,
  type IdPools,
  type Schema,
} from '../../test/fuzz/schema-arbitraries';
import { MailService } from '../mail/mail.service';
import { changedTables, fingerprint, fingerprintQuery } from '../../test/fuzz/table-fingerprint';
import { createTestApp, type TestApp } from '../../test/test-app';
import { PasswordHasher } from '../auth/password-hasher';
import { FieldCipher } from '../crypto/field-cipher';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo-seed';
import { openApiDocument } from './openapi';

/**
 * Property-based fuzzing of every route in the OpenAPI document, as every role, on the demo
 * clinic: generated path ids (real ones, random ones, garbage), query strings and bodies (shaped
 * like the schema, or not). Properties: no answer is a 5xx, every 4xx has the error shape, and a
 * refused request writes no row.
 *
 * FUZZ_RUNS (default 6) runs per route and role; FUZZ_SEED (default 14) reproduces a run;
 * FUZZ_VERBOSE=1 lists the statuses each route answered.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 6);
const SEED = Number(process.env['FUZZ_SEED'] ?? 14);
/** FUZZ_ONLY=<part of a route, e.g. "POST /api/clients">: fuzz only those, printing every exchange. */
const ONLY = process.env['FUZZ_ONLY'];

/** Routes left out, and why. Keep this short: every other route is fuzzed. */
const LEFT_OUT: Record<string, string> = {
  'POST /api/auth/login': 'wrong passwords lock the demo accounts',
  'POST /api/auth/password': 'a wrong current password counts towards the lock',
  'POST /api/auth/email-change': 'a wrong password counts towards the lock',
  'DELETE /api/account/mfa/passkeys/{id}': 'a wrong password counts towards the lock',
  'POST /api/notes/{id}/sign': 'a wrong password counts towards the lock',
  'POST /api/notes/{id}/addenda': 'a wrong password counts towards the lock',
  'DELETE /api/account/mfa/totp': 'a wrong password counts towards the lock',
  'POST /api/account/mfa/recovery-codes': 'a wrong password counts towards the lock',
  'POST /api/staff-security/{id}/mfa-reset': 'a wrong password counts towards the lock',
  'POST /api/account/mfa/totp/confirm': "a wrong code counts towards the second step's lock",
};

/**
 * Refused requests may write exactly two things: the audit trail, which records denials and
 * failures by design, and the per-address request count of the sign-in routes, which counts
 * every request, refused or not (it is kept in PostgreSQL so that replicas share it).
 */
const MAY_WRITE_WHEN_REFUSED = ['audit_events', 'request_rate_limits'];

/** The records a path segment names, for real ids in generated paths. */
const RECORDS_BY_SEGMENT: Record<string, string> = {
  clients: 'clients',
  notes: 'session_notes',
  assessments: 'assessments',
  'measurement-schedules': 'measurement_schedules',
  homework: 'homework_assignments',
  'homework-entries': 'homework_entries',
  timeline: 'client_timeline_events',
  appointments: 'appointments',
  reports: 'progress_reports',
  staff: 'users',
  therapists: 'users',
};

type Role = 'admin' | 'therapist' | 'client' | 'anonymous';
const ROLES: Role[] = ['admin', 'therapist', 'client', 'anonymous'];
const ACCOUNTS: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin@demo.clinic',
  therapist: 'therapist@demo.clinic',
  client: 'client@demo.clinic',
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  path: string;
  key: string;
  parameters: { name: string; in: string; required?: boolean; schema?: Schema }[];
  body?: Schema;
}

type Pools = IdPools & { byTable: Record<string, readonly string[]> };

interface FuzzRequest {
  url: string;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; text: string };
}

/**
 * The shared error body (`{ statusCode, error, message }`); under the FHIR base, an
 * OperationOutcome whose first issue says what went wrong, as FHIR clients expect.
 */
function isErrorBody(url: string, status: number, value: unknown): boolean {
  if (url.startsWith('/api/fhir/')) {
    const outcome = value as { resourceType?: unknown; issue?: { diagnostics?: unknown }[] };
    return (
      outcome.resourceType === 'OperationOutcome' &&
      typeof outcome.issue?.[0]?.diagnostics === 'string'
    );
  }
  const body = value as { statusCode?: unknown; message?: unknown };
  return body.statusCode === status && typeof body.message === 'string';
}

describe('Fuzzing every route of the OpenAPI document', () => {
  let test: TestApp;
  let document: OpenAPIObject;
  const tokens: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    test = await createTestApp();
    await seedDemoData(test.dataSource, test.app.get(PasswordHasher), test.app.get(FieldCipher));
    document = openApiDocument(test.app);
    for (const role of ['admin', 'therapist', 'client'] as const) {
      tokens[role] = (await signIn(test, ACCOUNTS[role], DEMO_PASSWORD)).token;
    }
  });
  afterAll(() => test.close());

  it(
    'answers no generated request with a 5xx, and writes nothing for a refused one',
    async () => {
      const operations = operationsOf(document);
      // The document must hold the API, or this test would pass by fuzzing nothing.
      expect(operations.length).toBeGreaterThan(60);
      if (ONLY)
        process.stdout.write(
          JSON.stringify(
            operations.filter((o) => o.key.includes(ONLY)),
            null,
            1,
          ) + '\n',
        );
      const pools = await idPools(test);
      const mail = test.app.get(MailService);
      const printQuery = await fingerprintQuery(test.dataSource, MAY_WRITE_WHEN_REFUSED);
      const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
      const failures: string[] = [];
      let requests = 0;
      const answered = new Map<string, Set<number>>();
      const started = Date.now();

      for (const operation of operations) {
        if (LEFT_OUT[operation.key] || (ONLY && !operation.key.includes(ONLY))) continue;
        for (const role of ROLES) {
          await keepSignedIn(role);
          const seed = seedOf(`${operation.key} ${role}`);
          const result = await fc.check(
            fc.asyncProperty(requestFor(operation, components, pools), async (request) => {
              requests++;
              // Mail is sent (and its delivery recorded) after a request commits: let the last
              // request's mail finish, so its row is not counted against this one.
              await mail.settled();
              const before = await fingerprint(test.dataSource, printQuery);
              const response = await send(operation.method, request, tokens[role]);
              answered.set(
                operation.key,
                (answered.get(operation.key) ?? new Set()).add(response.status),
              );
              if (ONLY)
                process.stdout.write(
                  `${role} ${operation.key} ${truncate(JSON.stringify(request))} → ${response.status} ${truncate(JSON.stringify(response.body))}\n`,
                );
              if (response.status >= 500) return false;
              if (response.status >= 400) {
                if (!isErrorBody(request.url, response.status, response.body)) return false;
                const changed = changedTables(
                  before,
                  await fingerprint(test.dataSource, printQuery),
                );
                if (changed.length > 0)
                  throw new Error(`refused, yet wrote: ${changed.join(', ')}`);
              }
              return true;
            }),
            { seed, numRuns: RUNS, endOnFailure: true },
          );
          if (result.failed) {
            const example = result.counterexample?.[0];
            const response = example ? await send(operation.method, example, tokens[role]) : null;
            failures.push(
              [
                `${operation.key} as ${role} (FUZZ_SEED=${SEED}, route seed ${seed})`,
                `  request: ${truncate(JSON.stringify(example))}`,
                `  answer: ${response?.status ?? '-'} ${truncate(JSON.stringify(response?.body))}`,
                result.errorInstance instanceof Error
                  ? `  error: ${result.errorInstance.message}`
                  : '',
              ].join('\n'),
            );
          }
        }
      }
      const reachedHandler = [...answered].filter(([, statuses]) =>
        [...statuses].some((status) => status < 300),
      );
      process.stdout.write(
        `fuzz: ${operations.length} operations, ${requests} requests in ${Date.now() - started} ms ` +
          `(FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED}); ${reachedHandler.length} operations answered 2xx\n`,
      );
      if (process.env['FUZZ_VERBOSE'])
        for (const [key, statuses] of answered)
          process.stdout.write(`  ${key}: ${[...statuses].sort().join(' ')}\n`);
      // Most requests must get past validation, or the handlers behind it go untested.
      expect(reachedHandler.length).toBeGreaterThanOrEqual(ONLY ? 0 : operations.length / 3);
      if (failures.length > 0) {
        throw new Error(`${failures.length} failing route(s):\n${failures.join('\n')}`);
      }
    },
    Math.max(240_000, RUNS * 60_000),
  );

  async function keepSignedIn(role: Role): Promise<void> {
    const token = tokens[role];
    if (role === 'anonymous' || !token) return;
    const me = await test.http.get('/api/auth/me').auth(token, { type: 'bearer' });
    // A generated request may have ended the session (e.g. a deactivation); sign in again.
    if (me.status === 401) tokens[role] = (await signIn(test, ACCOUNTS[role], DEMO_PASSWORD)).token;
  }

  function send(
    method: Method,
    request: FuzzRequest,
    token: string | undefined,
  ): Promise<Response> {
    let call = test.http[method](request.url);
    if (token) call = call.auth(token, { type: 'bearer' });
    switch (request.body.kind) {
      case 'none':
        return call;
      case 'json':
        return call
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(request.body.value));
      case 'form':
        return call.type('form').send(request.body.text);
    }
  }

  function seedOf(text: string): number {
    let hash = SEED;
    for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
    return hash;
  }
});

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, unknown>)[method] as
        | {
            parameters?: Operation['parameters'];
            requestBody?: { content?: Record<string, { schema?: Schema }> };
          }
        | undefined;
      if (!operation) return [];
      return [
        {
          method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          parameters: operation.parameters ?? [],
          body: operation.requestBody?.content?.['application/json']?.schema,
        },
      ];
    }),
  );
}

function requestFor(
  operation: Operation,
  components: Record<string, Schema>,
  pools: Pools,
): fc.Arbitrary<FuzzRequest> {
  const segments = operation.path.split('/');
  const pathParts = segments.map((part, index) => {
    const param = /^\{(\w+)\}(.*)$/.exec(part);
    if (!param) return fc.constant(part);
    const [, , suffix = ''] = param;
    const segment = segments[index - 1] ?? '';
    const real = pools.byTable[RECORDS_BY_SEGMENT[segment] ?? segment];
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(real?.length ? real : pools.any)) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: nastyValue.map((v) => String(v)) },
    );
    return value.map((text) => encodeSegment(text) + suffix);
  });
  const queryParams = operation.parameters.filter((param) => param.in === 'query');
  const query = fc.tuple(
    ...queryParams.map((param) =>
      fc.option(arbitraryFor(param.schema ?? {}, components, pools, param.name), {
        nil: undefined,
        freq: param.required ? 8 : 2,
      }),
    ),
  );
  const extraQuery = fc.oneof(
    { weight: 9, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), nastyValue) },
  );
  const jsonBody = operation.body
    ? arbitraryFor(operation.body, components, pools)
    : fc.jsonValue({ maxDepth: 2 });
  const body = fc.oneof(
    {
      weight: operation.body ? 10 : 2,
      arbitrary: jsonBody.map((value) => ({ kind: 'json' as const, value })),
    },
    { weight: operation.body ? 0 : 6, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 20 }).map((text) => ({ kind: 'form' as const, text })),
    },
  );
  return fc.record({ parts: fc.tuple(...pathParts), query, extraQuery, body }).map((generated) => {
    const search = new URLSearchParams();
    generated.query.forEach((value, index) => {
      const name = queryParams[index]?.name;
      if (name && value !== undefined) appendQuery(search, name, value);
    });
    if (generated.extraQuery) appendQuery(search, generated.extraQuery[0], generated.extraQuery[1]);
    const text = search.toString();
    return {
      url: generated.parts.join('/') + (text ? `?${text}` : ''),
      body: operation.method === 'get' ? { kind: 'none' } : generated.body,
    };
  });
}

function appendQuery(search: URLSearchParams, name: string, value: unknown): void {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    search.append(
      name,
      typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item),
    );
  }
}

async function idPools(test: TestApp): Promise<Pools> {
  const pools: Record<string, string[]> = {};
  const signedIn = Object.values(ACCOUNTS);
  for (const table of new Set(Object.values(RECORDS_BY_SEGMENT))) {
    const rows = await test.dataSource.query<{ id: string; email?: string }[]>(
      `SELECT * FROM "${table}" ORDER BY id LIMIT 40`,
    );
    // Generated requests never act on the accounts the fuzzer signs in with (deactivating one
    // would silence a role for the rest of the run).
    pools[table] = rows.filter((row) => !signedIn.includes(row.email ?? '')).map((row) => row.id);
  }
  pools['instruments'] = INSTRUMENTS.map((instrument) => instrument.code);
  pools['homework_templates'] = (
    await test.dataSource.query<{ id: string }[]>(`SELECT id FROM homework_templates LIMIT 20`)
  ).map((row) => row.id);
  const forField = (name: string): readonly string[] => {
    const thing = name.replace(/Ids?$/, '').toLowerCase();
    if (thing === 'therapist' || thing === 'user') return pools['users'] ?? [];
    if (thing === 'partner') return pools['clients'] ?? [];
    const table = Object.keys(pools).find((key) => key.replace(/_/g, '').includes(thing));
    return table ? (pools[table] ?? []) : [];
  };
  return { byTable: pools, any: Object.values(pools).flat(), forField };
}

/** Percent-encodes a path segment; a lone surrogate becomes the bytes of no valid UTF-8 (%ED%A0%80). */
function encodeSegment(text: string): string {
  return text
    .split(/([\uD800-\uDFFF])/)
    .map((piece) => {
      try {
        return encodeURIComponent(piece);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');
}

function truncate(text: string | undefined): string {
  return text && text.length > 400 ? `${text.slice(0, 400)}…` : String(text);
}
