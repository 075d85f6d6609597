import type { ActionOf, ResourceKind } from '@cairn/contracts';
import type { Condition } from '../../src/access/permissions';
import { SECRETS, type Author, type Context, type Scenario, type Secret } from './scenario';

/** A record the matrix asks about: its id and whatever its requests need (version, parent). */
export type Target = { id: string } & Record<string, unknown>;

/**
 * One rule the route applies, in order, as the access layer does:
 * - `record`: the record is loaded by id; refused 404 if the caller may do nothing to it, else 403;
 * - `file`: the client file is loaded, then the action checked on a child kind (`inFile`);
 * - `parent`: the action is checked on a parent that is not a client file (a therapist's
 *   schedule, the clinic): 404 if the caller may do nothing of that kind there, else 403.
 */
export interface Check {
  kind: ResourceKind;
  action: string;
  context: Context;
  judge: 'record' | 'file' | 'parent';
  conditions?: readonly Condition[];
}

export interface RouteCase {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route as Nest registered it (its roles are read from there). */
  route: string;
  query?: (t: Target, s: Scenario) => string;
  /** Where the record lives, and the conditions it meets (for the action's own rule). */
  context: Context;
  judge: Check['judge'];
  conditions?: readonly Condition[];
  /** Rules applied before the action's own (a note's file is loaded before its addenda are read). */
  before?: Check[];
  /** The record asked about; made once for every refused caller, and again for each allowed one when `fresh`. */
  target: (s: Scenario) => Promise<Target>;
  /** For each allowed caller, a record of its own: the target made again (`true`) or another. */
  fresh?: true | ((s: Scenario) => Promise<Target>);
  /**
   * The action is part of what a route returns (the intake inside the file): its rule decides what
   * the response reveals, and only the `before` rules decide the status.
   */
  partOf?: true;
  params?: (t: Target, s: Scenario) => Record<string, string>;
  body?: (t: Target, s: Scenario, allowed: boolean) => object;
  /**
   * Text a caller allowed this action receives here beyond what they meet anywhere else (the
   * client's released copy of their record holds the notes the portal never shows).
   */
  releases?: readonly Secret[];
  /** Text that must never be in this route's response, whoever asks (a report holds no partner's data). */
  never?: readonly Secret[];
  /** Text in the response exactly when the caller may take this action. */
  reveals?: (t: Target, s: Scenario) => string;
  /** What a refused write must leave as it was: a query whose rows are compared before and after. */
  state?: (t: Target, s: Scenario) => [sql: string, params: unknown[]];
}

/**
 * Every (kind, action) of the vocabulary → the requests that perform it. The type demands an
 * entry for each action, and a test checks it again at run time: a new action cannot be forgotten.
 */
export type RouteMap = { [K in ResourceKind]: Record<ActionOf<K>, RouteCase[]> };

const rowOf = (table: string) => (t: Target) =>
  [`SELECT row_to_json(r)::text AS row FROM ${table} r WHERE r.id = $1`, [t.id]] as [
    string,
    unknown[],
  ];
const rowsFor =
  (table: string, column = 'client_id') =>
  (_t: Target, s: Scenario) =>
    [
      `SELECT row_to_json(r)::text AS row FROM ${table} r WHERE r.${column} = $1 ORDER BY 1`,
      [s.client.id],
    ] as [string, unknown[]];

const theClient = (s: Scenario): Promise<Target> => Promise.resolve({ id: s.client.id });
/** The treating therapist as a staff member: their account, hours and calendar feed. */
const therapistAccount = (s: Scenario): Promise<Target> => Promise.resolve({ id: s.therapist.id });
const spareClient = async (s: Scenario): Promise<Target> => {
  // The refused callers ask about the scenario's client; an allowed one changes a spare file.
  return { id: (await s.spareClient()).id };
};
const inFile = (kind: ResourceKind, action: string): Check => ({
  kind,
  action,
  context: 'file',
  judge: 'file',
});
const fileVisible: Check = { kind: 'client', action: 'view', context: 'file', judge: 'record' };
const clientPath = (t: Target, s: Scenario) => ({ id: (t['clientId'] as string) ?? s.client.id });
const idOf = (t: Target) => ({ id: t.id });
const PASSWORD = 'test-password-1234';
/** The partner's own records: never part of the client's report, not even for their therapist. */
const PARTNER_DATA: readonly Secret[] = ['partnerScreen', 'partnerCheckIn', 'partnerName'];

/** No export holds a psychotherapy note or the partner's data, whoever asks. */
const EXPORT_NEVER: readonly Secret[] = [
  ...PARTNER_DATA,
  'psychotherapyNote',
  'formerPsychotherapyNote',
];

const noteSave = (t: Target, _s: Scenario, allowed: boolean) => ({
  version: t['version'],
  sessionAt: t['sessionAt'],
  durationMinutes: t['durationMinutes'],
  serviceType: t['serviceType'],
  content: allowed ? t['content'] : { focus: 'REFUSED EDIT', process: 'REFUSED EDIT' },
});
/** A kind of note's requests, about notes the treating therapist wrote or (`former`) a predecessor. */
const noteCasesBy = (kind: 'progress' | 'psychotherapy', author: Author) => {
  const note = (s: Scenario) => s.note(kind, author);
  const signed = (s: Scenario) => s.signedNote(kind, author);
  const context: Context = author === 'treating_therapist' ? 'authored' : 'former';
  const secret =
    author === 'treating_therapist'
      ? kind === 'progress'
        ? SECRETS.progressNote
        : SECRETS.psychotherapyNote
      : kind === 'progress'
        ? SECRETS.formerProgressNote
        : SECRETS.formerPsychotherapyNote;
  const create = () => ({
    templateCode: kind === 'progress' ? 'bt_progress' : 'process',
    sessionAt: new Date(Date.now() - 3_600_000).toISOString(),
    durationMinutes: 50,
    serviceType: 'individual_60',
    content: kind === 'progress' ? { focus: 'New', risk: { level: 'none' } } : { process: 'New' },
  });
  return {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/notes',
        context,
        judge: 'record',
        before: [fileVisible],
        partOf: true,
        target: note,
        params: clientPath,
        reveals: (t) => t.id,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/notes/:id',
        context,
        judge: 'record',
        target: note,
        params: idOf,
        reveals: () => secret,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/notes',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: clientPath,
        body: () => create(),
        state: rowsFor('session_notes'),
      },
    ],
    edit: [
      {
        method: 'put',
        route: '/api/notes/:id',
        context,
        judge: 'record',
        target: note,
        fresh: true,
        params: idOf,
        body: noteSave,
        state: rowOf('session_notes'),
      },
    ],
    sign: [
      {
        method: 'post',
        route: '/api/notes/:id/sign',
        context,
        judge: 'record',
        target: note,
        fresh: true,
        params: idOf,
        body: (t) => ({ version: t['version'], password: PASSWORD }),
        state: rowOf('session_notes'),
      },
    ],
    amend: [
      {
        method: 'post',
        route: '/api/notes/:id/addenda',
        context,
        judge: 'record',
        target: signed,
        fresh: true,
        params: idOf,
        body: () => ({ text: 'An addendum', password: PASSWORD }),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM note_addenda r WHERE r.note_id = $1`,
          [t.id],
        ],
      },
    ],
  } satisfies Record<string, RouteCase[]>;
};

const noteCases = (kind: 'progress' | 'psychotherapy') => {
  const mine = noteCasesBy(kind, 'treating_therapist');
  const before = noteCasesBy(kind, 'former_therapist');
  return {
    view: [...mine.view, ...before.view],
    read: [...mine.read, ...before.read],
    // Written by the treating therapist only: a former therapist does not write in the file.
    create: mine.create,
    edit: [...mine.edit, ...before.edit],
    sign: [...mine.sign, ...before.sign],
    amend: [...mine.amend, ...before.amend],
  } satisfies Record<string, RouteCase[]>;
};

const assessmentTarget = (make: (s: Scenario) => Promise<Target>) => make;
const portal = (s: Scenario) => s.assessment('portal');
const portalAnswered = async (s: Scenario) => {
  const sent = await s.assessment('portal');
  await s
    .as('the_client')
    .put(`/api/me/assessments/${sent.id}/answers`)
    .send({ answers: phq9() })
    .expect(200);
  return sent;
};
const inSessionAnswered = async (s: Scenario) => {
  const given = await s.assessment('in_session');
  await s
    .as('treating_therapist')
    .put(`/api/assessments/${given.id}/answers`)
    .send({ answers: phq9() })
    .expect(200);
  return given;
};
const phq9 = () => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`phq9-${n}`, 1]));

const screen = (s: Scenario) => s.safetyScreen('client');
const inSessionScreenAnswered = async (s: Scenario) => {
  const given = await s.safetyScreen('client', 'in_session');
  await s
    .as('treating_therapist')
    .put(`/api/safety-screens/${given.id}/answers`)
    .send({ answers: s.allNo(null) })
    .expect(200);
  return given;
};
const appointment = (s: Scenario) => s.appointment([s.client.id]) as Promise<Target>;

export const ROUTES: RouteMap = {
  client: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'record',
        target: theClient,
        params: idOf,
        reveals: () => SECRETS.clientName,
      },
      // Lists take their scope from the same table: the file is in a caller's list exactly when
      // they may view it.
      {
        method: 'get',
        route: '/api/clients',
        context: 'file',
        judge: 'record',
        partOf: true,
        target: theClient,
        reveals: () => SECRETS.clientName,
      },
      {
        method: 'get',
        route: '/api/dashboard/caseload',
        context: 'file',
        judge: 'record',
        partOf: true,
        target: theClient,
        reveals: () => SECRETS.clientName,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
        body: () => ({ legalName: 'Newly Opened File' }),
        state: (_t, s) => [
          `SELECT count(*)::text AS row FROM clients WHERE clinic_id = $1`,
          [s.clinic.id],
        ],
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'record',
        target: theClient,
        params: idOf,
        body: (_t, _s, allowed) => ({ phone: allowed ? '+1 555 0101' : '+1 555 0199' }),
        state: rowOf('clients'),
      },
    ],
    assign_therapist: [
      {
        method: 'post',
        route: '/api/clients/:id/assign',
        context: 'file',
        judge: 'record',
        target: theClient,
        fresh: spareClient,
        params: idOf,
        body: (_t, s) => ({ therapistId: s.people.other_therapist.user.id }),
        state: rowOf('clients'),
      },
    ],
    invite_portal: [
      {
        method: 'post',
        route: '/api/clients/:id/portal-invite',
        context: 'file',
        judge: 'record',
        target: theClient,
        fresh: spareClient,
        params: idOf,
        state: (t, s) => [
          `SELECT (SELECT row_to_json(c)::text FROM clients c WHERE c.id = $1) AS row,
                  (SELECT count(*) FROM account_invites WHERE clinic_id = $2) AS invites`,
          [t.id, s.clinic.id],
        ],
      },
    ],
    link_partner: [
      {
        method: 'post',
        route: '/api/clients/:id/partner',
        context: 'file',
        judge: 'record',
        target: theClient,
        fresh: spareClient,
        params: idOf,
        body: () => ({ partnerId: null }),
        state: rowOf('clients'),
      },
    ],
    book: [
      {
        method: 'post',
        route: '/api/appointments',
        context: 'file',
        judge: 'record',
        before: [{ kind: 'appointment', action: 'create', context: 'schedule', judge: 'parent' }],
        target: theClient,
        body: (_t, s) => s.bookingOf([s.client.id]),
        state: rowsFor('appointments'),
      },
    ],
    read_progress: [
      {
        method: 'get',
        route: '/api/clients/:id/progress',
        context: 'file',
        judge: 'record',
        target: theClient,
        params: idOf,
      },
    ],
    view_profile: [
      {
        method: 'get',
        route: '/api/me',
        context: 'own',
        judge: 'record',
        target: theClient,
      },
    ],
  },
  intake: {
    read: [
      {
        method: 'get',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'file',
        before: [fileVisible],
        partOf: true,
        target: theClient,
        params: idOf,
        reveals: () => SECRETS.intake,
        // Reading the intake is part of reading the file: its status is the file's.
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'file',
        before: [fileVisible],
        target: theClient,
        params: idOf,
        body: (_t, _s, allowed) => ({
          intake: { presentingConcerns: allowed ? SECRETS.intake : 'REFUSED EDIT' },
        }),
        state: rowsFor('client_intakes'),
      },
    ],
  },
  timeline_event: {
    read: [
      {
        method: 'get',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'file',
        before: [fileVisible],
        partOf: true,
        target: (s) => s.timelineEvent(),
        params: clientPath,
        reveals: () => SECRETS.timeline,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/timeline',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: () => ({ kind: 'discovery', occurredOn: '2026-08-15' }),
        state: rowsFor('client_timeline_events'),
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/clients/:id/timeline/:eventId',
        context: 'file',
        judge: 'record',
        target: (s) => s.timelineEvent(),
        fresh: true,
        params: (t, s) => ({ id: s.client.id, eventId: t.id }),
        body: () => ({ note: 'REFUSED EDIT' }),
        state: rowOf('client_timeline_events'),
      },
    ],
    remove: [
      {
        method: 'delete',
        route: '/api/clients/:id/timeline/:eventId',
        context: 'file',
        judge: 'record',
        target: (s) => s.timelineEvent(),
        fresh: true,
        params: (t, s) => ({ id: s.client.id, eventId: t.id }),
        state: rowOf('client_timeline_events'),
      },
    ],
  },
  treatment_phase: {
    read: [
      {
        method: 'get',
        route: '/api/clients/:id',
        context: 'file',
        judge: 'file',
        before: [fileVisible],
        partOf: true,
        target: theClient,
        params: idOf,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/phase',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: (_t, s) => ({ phase: 'rebuilding_reconnection', startedOn: s.today }),
        state: rowsFor('client_treatment_phases'),
      },
    ],
  },
  progress_note: {
    ...noteCases('progress'),
    download: [
      {
        method: 'get',
        route: '/api/notes/:id/pdf',
        context: 'authored',
        judge: 'record',
        target: (s) => s.signedNote('progress'),
        params: idOf,
      },
    ],
  },
  psychotherapy_note: noteCases('psychotherapy'),
  addendum: {
    read: [
      {
        method: 'get',
        route: '/api/notes/:id',
        context: 'authored',
        judge: 'record',
        partOf: true,
        conditions: ['on_progress_note'],
        before: [{ kind: 'progress_note', action: 'read', context: 'authored', judge: 'record' }],
        target: (s) => s.amendedNote(),
        params: idOf,
        reveals: () => SECRETS.addendum,
      },
    ],
  },
  assessment: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/assessments',
        context: 'file',
        judge: 'file',
        target: assessmentTarget(portal),
        params: clientPath,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/me/assessments',
        context: 'file',
        judge: 'record',
        partOf: true,
        conditions: ['sent_to_portal'],
        target: portal,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/assessments/:id',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: portal,
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/me/assessments/:id',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: portal,
        params: idOf,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/assessments/:id',
        context: 'file',
        judge: 'record',
        partOf: true,
        conditions: ['sent_to_portal'],
        before: [
          {
            kind: 'assessment',
            action: 'view',
            context: 'file',
            judge: 'record',
            conditions: ['sent_to_portal'],
          },
        ],
        target: portalAnswered,
        params: idOf,
        reveals: () => '"answers"',
      },
      {
        method: 'get',
        route: '/api/clients/:id/measures',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/assessments',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: () => ({ instrumentCode: 'GAD-7', mode: 'in_session' }),
        state: rowsFor('assessments'),
      },
    ],
    answer: [
      {
        method: 'put',
        route: '/api/assessments/:id/answers',
        context: 'file',
        judge: 'record',
        target: (s) => s.assessment('in_session'),
        fresh: true,
        params: idOf,
        body: () => ({ answers: { 'phq9-1': 2 } }),
        state: rowOf('assessments'),
      },
      {
        method: 'put',
        route: '/api/me/assessments/:id/answers',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: portal,
        fresh: true,
        params: idOf,
        body: () => ({ answers: { 'phq9-1': 2 } }),
        state: rowOf('assessments'),
      },
    ],
    complete: [
      {
        method: 'post',
        route: '/api/assessments/:id/complete',
        context: 'file',
        judge: 'record',
        target: inSessionAnswered,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('assessments'),
      },
      {
        method: 'post',
        route: '/api/me/assessments/:id/complete',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: portalAnswered,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('assessments'),
      },
    ],
    cancel: [
      {
        method: 'post',
        route: '/api/assessments/:id/cancel',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: portal,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('assessments'),
      },
    ],
    share: [
      {
        method: 'post',
        route: '/api/assessments/:id/share',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: async (s) => {
          const sent = await portalAnswered(s);
          await s.as('the_client').post(`/api/me/assessments/${sent.id}/complete`).expect(200);
          return sent;
        },
        fresh: true,
        params: idOf,
        body: () => ({ shared: true }),
        state: rowOf('assessments'),
      },
    ],
    export: [
      {
        method: 'get',
        route: '/api/assessments/:id/fhir',
        context: 'file',
        judge: 'record',
        target: (s) => s.completedAssessment(),
        params: idOf,
      },
    ],
    read_result: [
      {
        method: 'get',
        route: '/api/me/assessments/:id',
        context: 'file',
        judge: 'record',
        partOf: true,
        conditions: ['sent_to_portal', 'shared_with_client'],
        before: [
          {
            kind: 'assessment',
            action: 'view',
            context: 'file',
            judge: 'record',
            conditions: ['sent_to_portal', 'shared_with_client'],
          },
        ],
        target: (s) => s.sharedAssessment(),
        params: idOf,
        reveals: () => '"result":{',
      },
    ],
  },
  risk_flag: {
    read: [
      {
        method: 'get',
        route: '/api/clients/:id/risk-flags',
        context: 'file',
        judge: 'file',
        target: (s) => s.completedAssessment(),
        params: clientPath,
        reveals: (t) => t.id,
      },
    ],
    acknowledge: [
      {
        method: 'post',
        route: '/api/assessments/:id/acknowledge-risk',
        context: 'file',
        judge: 'file',
        before: [{ kind: 'assessment', action: 'view', context: 'file', judge: 'record' }],
        target: (s) => s.completedAssessment(),
        fresh: true,
        params: idOf,
        body: () => ({ note: SECRETS.riskNote }),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM risk_flags r WHERE r.assessment_id = $1 ORDER BY r.id`,
          [t.id],
        ],
      },
    ],
  },
  safety_screen: {
    view: [
      {
        method: 'get',
        route: '/api/me/safety-screens',
        context: 'file',
        judge: 'record',
        partOf: true,
        conditions: ['sent_to_portal'],
        target: screen,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/clients/:id/safety',
        context: 'file',
        judge: 'file',
        partOf: true,
        before: [inFile('safety_review', 'view')],
        target: screen,
        params: clientPath,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/safety-screens/:id',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: screen,
        params: idOf,
        reveals: () => SECRETS.clientScreen,
      },
      {
        method: 'get',
        route: '/api/me/safety-screens/:id',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: screen,
        params: idOf,
        reveals: () => SECRETS.clientScreen,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/safety-screens',
        context: 'file',
        judge: 'file',
        target: theClient,
        // A file has one screen in progress at a time: the allowed caller starts a new one.
        fresh: async (s) => {
          await s.setAsideScreens(s.client.id);
          return { id: s.client.id };
        },
        params: idOf,
        body: () => ({ mode: 'in_session' }),
        state: rowsFor('safety_screens'),
      },
    ],
    answer: [
      {
        method: 'put',
        route: '/api/safety-screens/:id/answers',
        context: 'file',
        judge: 'record',
        target: (s) => s.safetyScreen('client', 'in_session'),
        fresh: true,
        params: idOf,
        body: () => ({ answers: { physical: 'no', anythingElse: null } }),
        state: rowOf('safety_screens'),
      },
      {
        method: 'put',
        route: '/api/me/safety-screens/:id/answers',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: screen,
        fresh: true,
        params: idOf,
        body: () => ({ answers: { physical: 'no', anythingElse: null } }),
        state: rowOf('safety_screens'),
      },
    ],
    complete: [
      {
        method: 'post',
        route: '/api/safety-screens/:id/complete',
        context: 'file',
        judge: 'record',
        target: inSessionScreenAnswered,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('safety_screens'),
      },
      {
        method: 'post',
        route: '/api/me/safety-screens/:id/complete',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: screen,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('safety_screens'),
      },
    ],
    cancel: [
      {
        method: 'post',
        route: '/api/safety-screens/:id/cancel',
        context: 'file',
        judge: 'record',
        conditions: ['sent_to_portal'],
        target: screen,
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('safety_screens'),
      },
    ],
  },
  safety_review: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/safety',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/clients/:id/safety',
        context: 'file',
        judge: 'file',
        partOf: true,
        before: [inFile('safety_review', 'view')],
        target: theClient,
        params: idOf,
      },
    ],
    decide: [
      {
        method: 'post',
        route: '/api/clients/:id/safety/decision',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: () => ({ decision: 'individual_only', note: 'Seen alone first.' }),
        state: rowsFor('safety_reviews'),
      },
    ],
  },
  measurement_schedule: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/measurement-schedules',
        context: 'file',
        judge: 'file',
        target: (s) => s.measurementSchedule(),
        params: clientPath,
        reveals: (t) => t.id,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/measurement-schedules',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: (_t, s) => ({ instrumentCode: 'PHQ-9', everyWeeks: 4, startOn: s.today }),
        state: rowsFor('measurement_schedules'),
      },
    ],
    stop: [
      {
        method: 'delete',
        route: '/api/measurement-schedules/:id',
        context: 'file',
        judge: 'record',
        target: (s) => s.measurementSchedule(),
        fresh: true,
        params: idOf,
        state: rowOf('measurement_schedules'),
      },
    ],
  },
  homework_assignment: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/homework',
        context: 'file',
        judge: 'file',
        before: [inFile('homework_assignment', 'read')],
        target: (s) => s.homework(),
        params: clientPath,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/me/homework',
        context: 'file',
        judge: 'record',
        partOf: true,
        target: (s) => s.homework(),
        reveals: (t) => t.id,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/homework/:id/entries',
        context: 'file',
        judge: 'record',
        target: (s) => s.homework(),
        params: idOf,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/homework',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        body: (_t, s) => ({
          templateId: s.templates[0]?.id,
          frequency: 'once',
          startsOn: s.today,
          endsOn: s.today,
        }),
        state: rowsFor('homework_assignments'),
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/homework/:id',
        context: 'file',
        judge: 'record',
        target: (s) => s.homework(),
        fresh: true,
        params: idOf,
        body: () => ({ instructions: 'More, slowly.' }),
        state: rowOf('homework_assignments'),
      },
    ],
    do: [
      {
        method: 'post',
        route: '/api/me/homework/:id/entries',
        context: 'file',
        judge: 'record',
        target: (s) => s.homework(),
        fresh: true,
        params: idOf,
        body: (_t, s) => ({ occursOn: s.today, note: 'Done.' }),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM homework_entries r WHERE r.assignment_id = $1`,
          [t.id],
        ],
      },
    ],
  },
  homework_entry: {
    view: [
      {
        method: 'get',
        route: '/api/me/homework',
        context: 'file',
        judge: 'record',
        partOf: true,
        target: (s) => s.homeworkEntry(),
        reveals: (t) => t.id,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/homework/:id/entries',
        context: 'file',
        judge: 'record',
        partOf: true,
        before: [{ kind: 'homework_assignment', action: 'read', context: 'file', judge: 'record' }],
        target: async (s) => {
          const entry = await s.homeworkEntry();
          return { ...entry, assignmentId: entry['assignmentId'] };
        },
        params: (t) => ({ id: t['assignmentId'] as string }),
        reveals: (t) => t.id,
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/me/homework-entries/:id',
        context: 'file',
        judge: 'record',
        target: (s) => s.homeworkEntry(),
        fresh: true,
        params: idOf,
        body: () => ({ note: 'REFUSED EDIT' }),
        state: rowOf('homework_entries'),
      },
    ],
  },
  report: {
    view: [
      {
        method: 'get',
        route: '/api/clients/:id/reports',
        context: 'authored',
        judge: 'record',
        before: [inFile('report', 'view')],
        target: (s) => s.narratedReport(),
        params: clientPath,
        never: PARTNER_DATA,
        reveals: (t) => t.id,
      },
    ],
    read: [
      {
        method: 'get',
        route: '/api/reports/:id',
        context: 'authored',
        judge: 'record',
        target: (s) => s.narratedReport(),
        params: idOf,
        never: PARTNER_DATA,
        reveals: () => SECRETS.report,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/reports',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        never: PARTNER_DATA,
        body: (_t, s) => ({ from: s.today, to: s.today }),
        state: rowsFor('progress_reports'),
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/reports/:id',
        context: 'authored',
        judge: 'record',
        target: (s) => s.narratedReport(),
        fresh: true,
        params: idOf,
        never: PARTNER_DATA,
        body: (t) => ({ version: t['version'], narrative: { plan: 'REFUSED EDIT' } }),
        state: rowOf('progress_reports'),
      },
    ],
    finalize: [
      {
        method: 'post',
        route: '/api/reports/:id/finalize',
        context: 'authored',
        judge: 'record',
        target: (s) => s.narratedReport(),
        fresh: true,
        params: idOf,
        never: PARTNER_DATA,
        body: (t) => ({ version: t['version'] }),
        state: rowOf('progress_reports'),
      },
    ],
    share: [
      {
        method: 'patch',
        route: '/api/reports/:id',
        context: 'authored',
        judge: 'record',
        target: (s) => s.finalReport(false),
        fresh: true,
        params: idOf,
        never: PARTNER_DATA,
        body: (t) => ({ version: t['version'], sharedWithClient: true }),
        state: rowOf('progress_reports'),
      },
    ],
    download: [
      {
        method: 'get',
        route: '/api/reports/:id/pdf',
        context: 'authored',
        judge: 'record',
        // Whoever may download the release copy gets it; the file copy only who may `download`
        // (the file's name says which: a client's is a plain "summary").
        partOf: true,
        before: [
          {
            kind: 'report',
            action: 'download_release',
            context: 'authored',
            judge: 'record',
            conditions: ['shared_with_client'],
          },
        ],
        target: (s) => s.finalReport(true),
        params: idOf,
        never: PARTNER_DATA,
        reveals: () => 'filename="progress-report-',
      },
    ],
    download_release: [
      {
        method: 'get',
        route: '/api/reports/:id/pdf',
        query: () => 'copy=release',
        context: 'authored',
        judge: 'record',
        conditions: ['shared_with_client'],
        target: (s) => s.finalReport(true),
        params: idOf,
        never: PARTNER_DATA,
      },
    ],
  },
  appointment: {
    view: [
      {
        method: 'get',
        route: '/api/appointments/:id',
        context: 'schedule',
        judge: 'record',
        target: appointment,
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/me/appointments',
        context: 'schedule',
        judge: 'record',
        partOf: true,
        target: appointment,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/appointments',
        context: 'schedule',
        judge: 'record',
        partOf: true,
        target: appointment,
        reveals: (t) => t.id,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/appointments',
        context: 'schedule',
        judge: 'parent',
        target: theClient,
        body: (_t, s) => s.bookingOf(null),
        state: (_t, s) => [
          `SELECT count(*)::text AS row FROM appointments WHERE therapist_id = $1`,
          [s.therapist.id],
        ],
      },
    ],
    reschedule: [
      {
        method: 'patch',
        route: '/api/appointments/:id',
        context: 'schedule',
        judge: 'record',
        target: appointment,
        fresh: true,
        params: idOf,
        body: (_t, s) => s.nextSlot(),
        state: rowOf('appointments'),
      },
      {
        // "This and following": an appointment on its own is a series of one.
        method: 'patch',
        route: '/api/appointments/:id/following',
        context: 'schedule',
        judge: 'record',
        target: appointment,
        fresh: true,
        params: idOf,
        body: (_t, s) => s.nextSlot(),
        state: rowOf('appointments'),
      },
    ],
    cancel: [
      {
        method: 'post',
        route: '/api/appointments/:id/cancel',
        context: 'schedule',
        judge: 'record',
        target: appointment,
        fresh: true,
        params: idOf,
        body: () => ({ reason: 'Asked to move it' }),
        state: rowOf('appointments'),
      },
      {
        method: 'post',
        route: '/api/appointments/:id/cancel-following',
        context: 'schedule',
        judge: 'record',
        target: appointment,
        fresh: true,
        params: idOf,
        body: () => ({ reason: 'Ending the series' }),
        state: rowOf('appointments'),
      },
    ],
    complete: [
      {
        method: 'post',
        route: '/api/appointments/:id/complete',
        context: 'schedule',
        judge: 'record',
        target: (s) => s.pastAppointment(),
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('appointments'),
      },
    ],
    no_show: [
      {
        method: 'post',
        route: '/api/appointments/:id/no-show',
        context: 'schedule',
        judge: 'record',
        target: (s) => s.pastAppointment(),
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('appointments'),
      },
    ],
    convert_prospect: [
      {
        method: 'post',
        route: '/api/appointments/:id/convert-prospect',
        context: 'schedule',
        judge: 'record',
        target: (s) => s.pastAppointment(true, 'completed'),
        fresh: true,
        params: idOf,
        body: () => ({}),
        state: rowOf('appointments'),
      },
    ],
    override_hours: [
      {
        method: 'post',
        route: '/api/appointments',
        context: 'schedule',
        judge: 'parent',
        before: [{ kind: 'appointment', action: 'create', context: 'schedule', judge: 'parent' }],
        target: theClient,
        body: (_t, s) => ({ ...s.bookingOf(null), ...s.outOfHours(), overrideReason: 'Evening' }),
        state: (_t, s) => [
          `SELECT count(*)::text AS row FROM appointments WHERE therapist_id = $1`,
          [s.therapist.id],
        ],
      },
    ],
  },
  availability: {
    view: [
      {
        method: 'get',
        route: '/api/therapists/:id/availability',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/scheduling/slots',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        query: (t, s) => {
          const { start } = s.nextSlot();
          const to = new Date(Date.parse(start) + 86_400_000).toISOString();
          return `therapistId=${t.id}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(to)}&duration=50`;
        },
      },
    ],
    edit: [
      {
        method: 'put',
        route: '/api/therapists/:id/availability',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
        body: (_t, s, allowed) => s.hours(allowed),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM therapist_weekly_hours r WHERE r.therapist_id = $1 ORDER BY r.weekday, r.starts_at`,
          [t.id],
        ],
      },
    ],
  },
  calendar_feed: {
    view: [
      {
        method: 'get',
        route: '/api/therapists/:id/calendar-feed',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/therapists/:id/calendar-feed',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
        body: () => ({}),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM calendar_feeds r WHERE r.therapist_id = $1`,
          [t.id],
        ],
      },
    ],
    revoke: [
      {
        method: 'delete',
        route: '/api/therapists/:id/calendar-feed',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM calendar_feeds r WHERE r.therapist_id = $1`,
          [t.id],
        ],
      },
    ],
  },
  staff_account: {
    view: [
      {
        method: 'get',
        route: '/api/staff',
        context: 'staff',
        judge: 'record',
        partOf: true,
        before: [{ kind: 'staff_account', action: 'view', context: 'clinic', judge: 'parent' }],
        target: therapistAccount,
        reveals: (t) => t.id,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/staff',
        context: 'clinic',
        judge: 'parent',
        target: therapistAccount,
        body: () => ({
          email: `new-${Math.random().toString(36).slice(2, 8)}@example.test`,
          displayName: 'New Colleague',
          role: 'therapist',
        }),
        state: (_t, s) => [
          `SELECT count(*)::text AS row FROM users WHERE clinic_id = $1`,
          [s.clinic.id],
        ],
      },
    ],
    edit: [
      {
        method: 'patch',
        route: '/api/staff/:id',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        params: idOf,
        body: (_t, _s, allowed) => ({ displayName: allowed ? 'Dr Ada Lane' : 'REFUSED EDIT' }),
        state: rowOf('users'),
      },
    ],
    deactivate: [
      {
        method: 'patch',
        route: '/api/staff/:id',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        fresh: (s) => s.spareTherapist(),
        params: idOf,
        body: () => ({ isActive: false }),
        state: rowOf('users'),
      },
    ],
    invite: [
      {
        method: 'post',
        route: '/api/staff/:id/invite',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        fresh: (s) => s.spareTherapist(),
        params: idOf,
        body: () => ({}),
        state: (t) => [
          `SELECT row_to_json(r)::text AS row FROM account_invites r WHERE r.user_id = $1`,
          [t.id],
        ],
      },
    ],
    reset_mfa: [
      {
        method: 'post',
        route: '/api/staff-security/:id/mfa-reset',
        context: 'staff',
        judge: 'record',
        target: therapistAccount,
        fresh: (s) => s.spareTherapist(),
        params: idOf,
        // The acting admin's own password: the reset re-authenticates them.
        body: () => ({ password: 'test-password-1234' }),
        state: (t) => [
          `SELECT count(*)::text AS row FROM audit_events WHERE action = 'mfa.reset' AND entity_id = $1`,
          [t.id],
        ],
      },
    ],
  },
  audit_trail: {
    read: [
      {
        method: 'get',
        route: '/api/audit-events',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
      },
    ],
    export: [
      {
        method: 'get',
        route: '/api/audit-events/export',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
      },
    ],
  },
  retention: {
    review: [
      {
        method: 'get',
        route: '/api/retention/files',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
      },
    ],
    set_period: [
      {
        method: 'put',
        route: '/api/retention/policy',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
        body: (_t, _s, allowed) => ({ retentionYears: allowed ? 7 : 50 }),
        state: (_t, s) => [
          `SELECT row_to_json(r)::text AS row FROM clinics r WHERE r.id = $1`,
          [s.clinic.id],
        ],
      },
    ],
  },
  record_export: {
    view: [
      {
        method: 'get',
        route: '/api/record-exports/:id',
        context: 'file',
        judge: 'record',
        target: (s) => s.recordExport('treating_therapist', false),
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/record-exports/:id',
        context: 'file',
        judge: 'record',
        conditions: ['non_clinical'],
        target: (s) => s.recordExport('admin', false),
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/record-exports/:id',
        context: 'file',
        judge: 'record',
        conditions: ['client_copy'],
        target: (s) => s.clientCopy(false),
        params: idOf,
      },
      {
        method: 'get',
        route: '/api/clients/:id/record-exports',
        context: 'file',
        judge: 'record',
        before: [fileVisible],
        partOf: true,
        target: (s) => s.recordExport('treating_therapist', false),
        params: clientPath,
        reveals: (t) => t.id,
      },
      {
        method: 'get',
        route: '/api/me/record-exports',
        context: 'file',
        judge: 'record',
        conditions: ['client_copy'],
        partOf: true,
        target: (s) => s.clientCopy(false),
        reveals: (t) => t.id,
      },
    ],
    create: [
      {
        method: 'post',
        route: '/api/clients/:id/record-exports',
        context: 'file',
        judge: 'file',
        target: theClient,
        params: idOf,
        state: rowsFor('record_exports'),
      },
      {
        method: 'post',
        route: '/api/me/record-exports',
        context: 'own',
        judge: 'file',
        target: theClient,
        state: rowsFor('record_exports'),
      },
    ],
    release: [
      {
        method: 'post',
        route: '/api/record-exports/:id/release',
        context: 'file',
        judge: 'record',
        conditions: ['client_copy'],
        target: (s) => s.clientCopy(false),
        fresh: true,
        params: idOf,
        state: rowOf('record_exports'),
      },
    ],
    download: [
      {
        method: 'get',
        route: '/api/record-exports/:id/download',
        context: 'file',
        judge: 'record',
        target: (s) => s.recordExport('treating_therapist', true),
        params: idOf,
        never: EXPORT_NEVER,
      },
      {
        method: 'get',
        route: '/api/record-exports/:id/download',
        context: 'file',
        judge: 'record',
        conditions: ['non_clinical'],
        target: (s) => s.recordExport('admin', true),
        params: idOf,
        never: EXPORT_NEVER,
      },
      {
        method: 'get',
        route: '/api/record-exports/:id/download',
        context: 'file',
        judge: 'record',
        conditions: ['client_copy', 'released'],
        target: (s) => s.clientCopy(true),
        params: idOf,
        never: [...EXPORT_NEVER, 'riskNote'],
        // The client's released copy is their record: the notes the portal never shows them.
        releases: ['intake', 'timeline', 'progressNote', 'addendum', 'formerProgressNote'],
      },
    ],
  },
  clinic_settings: {
    view: [
      {
        method: 'get',
        route: '/api/clinic/settings',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
      },
    ],
    edit: [
      {
        method: 'put',
        route: '/api/clinic/settings',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
        // The clinic keeps its name and zone (the other requests read them); a refused caller
        // would have changed the sender name.
        body: (_t, s, allowed) => ({
          name: s.clinic.name,
          address: null,
          phone: null,
          timeZone: s.clinic.timeZone,
          paperSize: 'letter',
          crisisResources: 'Call or text 988.',
          senderName: allowed ? s.clinic.name : 'Not the clinic',
          idleTimeoutMinutes: 15,
        }),
        state: (_t, s) => [
          `SELECT row_to_json(r)::text AS row FROM clinics r WHERE r.id = $1`,
          [s.clinic.id],
        ],
      },
    ],
  },
  sign_in_security: {
    review: [
      {
        method: 'get',
        route: '/api/staff-security',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
      },
    ],
    set_policy: [
      {
        method: 'put',
        route: '/api/clinic/mfa-policy',
        context: 'clinic',
        judge: 'parent',
        target: theClient,
        // A refused caller would have required MFA of the clinic's staff.
        body: (_t, _s, allowed) => ({ requiredForStaff: !allowed }),
        state: (_t, s) => [
          `SELECT row_to_json(r)::text AS row FROM clinics r WHERE r.id = $1`,
          [s.clinic.id],
        ],
      },
    ],
  },
};

export { spareClient };
