import { ACTIONS_BY_KIND, type ResourceKind } from '@cairn/contracts';
import { unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { allowedActions } from '../../src/access/permissions';
import { binary, pdfText } from '../pdf-text';
import { registeredRoutes, type RegisteredRoute } from '../registered-routes';
import { createTestApp, type TestApp } from '../test-app';
import { ROUTES, type Check, type RouteCase, type Target } from './routes';
import {
  CALLERS,
  RELATIONS_OF,
  Scenario,
  SECRETS,
  SEEN_BY,
  type Caller,
  type Secret,
} from './scenario';

/** What the table says a caller gets: through (2xx), or refused with 403 or 404. */
export type Outcome = 'ok' | 403 | 404;

/** Applies one rule of the permissions table the way the access layer refuses. */
function judge(caller: Caller, check: Check): Outcome {
  const relations = RELATIONS_OF[caller][check.context];
  const holds = (condition: string) => (check.conditions ?? []).some((c) => c === condition);
  const can = allowedActions(check.kind, relations, holds) as string[];
  if (can.includes(check.action)) return 'ok';
  const seen = (actions: string[]) => actions.some((action) => action !== 'create');
  switch (check.judge) {
    case 'record':
      return seen(can) ? 403 : 404;
    case 'file':
      return seen(allowedActions('client', RELATIONS_OF[caller].file, () => false)) ? 403 : 404;
    case 'parent':
      return can.length > 0 ? 403 : 404;
  }
}

/** The status the table gives `caller` for `route`, and whether the response may reveal the record. */
export function expectation(
  caller: Caller,
  role: string,
  kind: ResourceKind,
  action: string,
  route: RouteCase,
  roles: readonly string[],
): { outcome: Outcome; reveals: boolean } {
  // The route's roles come first: a route not meant for the caller's role says nothing of records.
  if (!roles.includes(role)) return { outcome: 403, reveals: false };
  const own: Check = {
    kind,
    action,
    context: route.context,
    judge: route.judge,
    conditions: route.conditions,
  };
  const checks = [...(route.before ?? []), ...(route.partOf ? [] : [own])];
  for (const check of checks) {
    const outcome = judge(caller, check);
    if (outcome !== 'ok') return { outcome, reveals: false };
  }
  return { outcome: 'ok', reveals: judge(caller, own) === 'ok' };
}

export interface Problem {
  request: string;
  caller: Caller;
  problem: string;
}

/**
 * Runs the matrix for some kinds on one app with one scenario, and collects every difference from
 * the table rather than stopping at the first. Refused callers go first (against one shared
 * record); each allowed caller then acts on a record of its own when the action changes it.
 */
export class Matrix {
  test!: TestApp;
  scenario!: Scenario;
  routes!: RegisteredRoute[];

  async start(): Promise<void> {
    this.test = await createTestApp();
    this.scenario = await new Scenario(this.test).build();
    this.routes = registeredRoutes(this.test.app);
  }

  rolesOf(route: RouteCase): readonly string[] {
    const found = this.routes.find(
      (r) => r.method.toLowerCase() === route.method && r.path === route.route,
    );
    if (!found)
      throw new Error(`No route ${route.method.toUpperCase()} ${route.route} is registered`);
    return found.roles ?? [];
  }

  async run(kind: ResourceKind): Promise<Problem[]> {
    const problems: Problem[] = [];
    const routeMap = ROUTES[kind] as Record<string, RouteCase[]>;
    for (const action of ACTIONS_BY_KIND[kind] as readonly string[]) {
      for (const route of routeMap[action] ?? []) {
        problems.push(...(await this.runRoute(kind, action, route)));
      }
    }
    return problems;
  }

  private async runRoute(kind: ResourceKind, action: string, route: RouteCase): Promise<Problem[]> {
    const s = this.scenario;
    const roles = this.rolesOf(route);
    const label = `${kind}.${action} ${route.method.toUpperCase()} ${route.route}`;
    const shared = await route.target(s);
    const judged = CALLERS.map((caller) => ({
      caller,
      ...expectation(caller, s.people[caller].role, kind, action, route, roles),
    }));
    const order = [
      ...judged.filter((j) => j.outcome !== 'ok'),
      ...judged.filter((j) => j.outcome === 'ok'),
    ];
    const problems: Problem[] = [];
    let unknownChecked = false;
    for (const { caller, outcome, reveals } of order) {
      const allowed = outcome === 'ok';
      const target: Target =
        allowed && route.fresh
          ? route.fresh === true
            ? await route.target(s)
            : await route.fresh(s)
          : shared;
      const state = route.state?.(target, s);
      const before = state ? await this.read(state) : null;
      const response = await this.send(caller, route, target, allowed);
      const problem = (text: string) => problems.push({ request: label, caller, problem: text });
      const ok = response.status >= 200 && response.status < 300;
      if (allowed ? !ok : response.status !== outcome)
        problem(
          `expected ${allowed ? '2xx' : outcome}, got ${response.status} ${short(response.text)}`,
        );
      if (state && !allowed && JSON.stringify(await this.read(state)) !== JSON.stringify(before))
        problem('a refused write changed the stored rows');
      const text = await bodyText(response);
      for (const secret of Object.keys(SECRETS) as Secret[]) {
        const mayMeet =
          (SEEN_BY[caller].includes(secret) || (allowed && !!route.releases?.includes(secret))) &&
          !route.never?.includes(secret);
        if (!mayMeet && text.includes(SECRETS[secret]))
          problem(`the response holds ${secret} ("${SECRETS[secret]}")`);
      }
      if (route.reveals && ok) {
        const shown = text.includes(route.reveals(target, s));
        if (shown !== reveals)
          problem(
            reveals
              ? 'the response lacks what the caller may see'
              : 'the response reveals the record',
          );
      }
      if (outcome === 404 && response.status === 404 && !unknownChecked) {
        unknownChecked = true;
        // "Not yours" must read exactly like "no such record": the same request for ids that
        // do not exist answers the same status and message.
        const unknownPath = this.pathOf(route, target, true);
        const unknown = unknownPath && (await this.send(caller, route, target, false, unknownPath));
        if (unknown && messageOf(unknown) !== messageOf(response))
          problem(
            `its 404 ("${messageOf(response)}") differs from an unknown id's (${unknown.status} "${messageOf(unknown)}")`,
          );
      }
    }
    return problems;
  }

  private async read([sql, params]: [string, unknown[]]): Promise<unknown> {
    return this.test.dataSource.query(sql, params);
  }

  /** The route's path for `target`; with `unknownIds`, every id in it made up (null if it has none). */
  private pathOf(route: RouteCase, target: Target, unknownIds = false): string | null {
    const s = this.scenario;
    const params = route.params?.(target, s) ?? {};
    let path = route.route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`No value for :${name} in ${route.route}`);
      return encodeURIComponent(unknownIds ? randomUUID() : value);
    });
    if (unknownIds && path === route.route) return null;
    if (route.query) path += `?${route.query(target, s)}`;
    return path;
  }

  private async send(
    caller: Caller,
    route: RouteCase,
    target: Target,
    allowed: boolean,
    path = this.pathOf(route, target) ?? route.route,
  ) {
    const s = this.scenario;
    // A PDF or a zip is kept as bytes, to be read as a PDF reader or an unzip tool would.
    const request = /\/(pdf|download)$/.test(route.route)
      ? s.asCaller(caller)[route.method](path).buffer(true).parse(binary)
      : s.asCaller(caller)[route.method](path);
    const body = route.body?.(target, s, allowed);
    return body === undefined ? request : request.send(body);
  }
}

/**
 * The response as text a person would read: a PDF's extracted text, and the name it would be saved
 * under (which says which copy of a report it is).
 */
async function bodyText(response: {
  text?: string;
  body?: unknown;
  headers: Record<string, string>;
}): Promise<string> {
  const name = response.headers['content-disposition'] ?? '';
  if (Buffer.isBuffer(response.body)) {
    const bytes = response.body;
    return name + (await fileText(bytes));
  }
  if (typeof response.text === 'string' && response.text.length > 0) return name + response.text;
  return name + JSON.stringify(response.body ?? '');
}

/** A PDF's text, a zip's files' text (each PDF in it read as a PDF), or the bytes as text. */
async function fileText(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return (await pdfText(bytes)).text;
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04') {
    const files = Object.entries(unzipSync(new Uint8Array(bytes)));
    const texts = await Promise.all(
      files.map(async ([file, data]) => `${file}\n${await fileText(Buffer.from(data))}`),
    );
    return texts.join('\n');
  }
  return bytes.toString('utf8');
}

const messageOf = (response: { status: number; body?: unknown }) =>
  `${response.status} ${String((response.body as { message?: unknown } | undefined)?.message)}`;

const short = (text: string | undefined) => (text ?? '').slice(0, 160);
