import { ACTIONS_BY_KIND, type ActionOf, type ResourceKind, type Role } from '@cairn/contracts';

/**
 * How a caller stands to one record. Computed once per record (relations.ts); a caller may hold
 * several (a therapist who wrote a note and treats its client is author and treating therapist).
 */
export const RELATIONS = [
  /** An admin of the record's clinic. */
  'clinic_admin',
  /** The therapist of record of the client file the record belongs to. */
  'treating_therapist',
  /** The clinician who wrote it: a note, an addendum, a report. */
  'author',
  /** The therapist whose schedule it is: an appointment they hold, their hours, their calendar feed. */
  'the_therapist',
  /** A staff member's own account. */
  'self',
  /** A therapist of the same clinic with none of the ties above. */
  'other_therapist',
  /** The client the record is about, signed in to the portal (both partners for a couples session). */
  'the_client',
  /** The linked partner of the client the record is about. */
  'the_partner',
  /** Any other client of the clinic. */
  'other_client',
  /** Anyone of another clinic. Never granted anything. */
  'another_clinic',
] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * The relations each role can hold. A `Record` over `Role`: a new role does not compile until
 * it is decided here, and a role with no relation gets nothing.
 */
export const ROLE_RELATIONS: Readonly<Record<Role, readonly Relation[]>> = {
  admin: ['clinic_admin'],
  therapist: ['treating_therapist', 'author', 'the_therapist', 'self', 'other_therapist'],
  client: ['the_client', 'the_partner', 'other_client'],
};

/**
 * Facts of a record that narrow a grant: a client sees an administration only once it was sent
 * to their portal, and its result only if the therapist shared it.
 */
export const CONDITIONS = [
  'sent_to_portal',
  'shared_with_client',
  'on_progress_note',
  /** A record export made without clinical content (an admin's). */
  'non_clinical',
  /** A record export that is the client's own copy. */
  'client_copy',
  /** The client's own copy, released by the treating therapist. */
  'released',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** An action, or an action granted only while a condition of the record holds. */
export type Grant<A extends string> = A | { action: A; when: Condition };

export type PermissionTable = {
  readonly [K in ResourceKind]: Readonly<Partial<Record<Relation, readonly Grant<ActionOf<K>>[]>>>;
};

/**
 * Every per-object rule of Cairn, as data: resource kind × relation → what may be done. A
 * relation or kind not named gets nothing (deny by default). Admins run the clinic (files,
 * schedule, staff, audit) but never see clinical content; only the treating therapist does,
 * and a note or report's author keeps the pen; a client sees what was sent to them; another
 * clinic sees nothing. What a record's state forbids (editing a signed note) is the service's
 * 409, not a rule here.
 */
export const PERMISSIONS: PermissionTable = {
  client: {
    clinic_admin: [
      'view',
      'create',
      'edit',
      'assign_therapist',
      'invite_portal',
      'link_partner',
      'book',
    ],
    treating_therapist: ['view', 'edit', 'link_partner', 'book', 'read_progress'],
    the_client: ['view_profile'],
  },
  intake: {
    treating_therapist: ['read', 'edit'],
  },
  timeline_event: {
    treating_therapist: ['read', 'create', 'edit', 'remove'],
  },
  treatment_phase: {
    treating_therapist: ['read', 'create'],
  },
  progress_note: {
    author: ['view', 'read', 'edit', 'sign', 'amend', 'download'],
    treating_therapist: ['view', 'read', 'create', 'download'],
    // To chase late notes: that a note exists, its date and status; never its content.
    clinic_admin: ['view'],
  },
  psychotherapy_note: {
    author: ['view', 'read', 'edit', 'sign', 'amend'],
    // Creating one makes its author; from then on nobody else learns it exists.
    treating_therapist: ['create'],
  },
  addendum: {
    author: ['read'],
    treating_therapist: [{ action: 'read', when: 'on_progress_note' }],
  },
  assessment: {
    treating_therapist: [
      'view',
      'read',
      'create',
      'answer',
      'complete',
      'cancel',
      'share',
      'export',
      'read_result',
    ],
    clinic_admin: ['view'],
    the_client: [
      { action: 'view', when: 'sent_to_portal' },
      { action: 'answer', when: 'sent_to_portal' },
      { action: 'complete', when: 'sent_to_portal' },
      { action: 'read_result', when: 'shared_with_client' },
    ],
  },
  risk_flag: {
    treating_therapist: ['read', 'acknowledge'],
  },
  safety_screen: {
    treating_therapist: ['view', 'read', 'create', 'answer', 'complete', 'cancel'],
    // Only the screened client, and only a screen sent to their portal; never the partner.
    the_client: [
      { action: 'view', when: 'sent_to_portal' },
      { action: 'read', when: 'sent_to_portal' },
      { action: 'answer', when: 'sent_to_portal' },
      { action: 'complete', when: 'sent_to_portal' },
    ],
  },
  safety_review: {
    treating_therapist: ['view', 'read', 'decide'],
    // That a review is pending (to hold a couples booking), never why.
    clinic_admin: ['view'],
  },
  measurement_schedule: {
    treating_therapist: ['view', 'create', 'stop'],
  },
  homework_assignment: {
    treating_therapist: ['view', 'read', 'create', 'edit'],
    the_client: ['view', 'read', 'do'],
  },
  homework_entry: {
    // A private journal entry's text is left out of the therapist's view (homework-views.ts).
    treating_therapist: ['view', 'read'],
    the_client: ['view', 'read', 'edit'],
  },
  report: {
    author: ['view', 'read', 'edit', 'finalize', 'share', 'download', 'download_release'],
    treating_therapist: ['view', 'read', 'create', 'download', 'download_release'],
    clinic_admin: ['view'],
    the_client: [{ action: 'download_release', when: 'shared_with_client' }],
  },
  appointment: {
    clinic_admin: [
      'view',
      'create',
      'reschedule',
      'cancel',
      'complete',
      'no_show',
      'convert_prospect',
      'override_hours',
    ],
    the_therapist: ['view', 'create', 'reschedule', 'cancel', 'complete', 'no_show'],
    the_client: ['view'],
  },
  availability: {
    clinic_admin: ['view', 'edit'],
    the_therapist: ['view', 'edit'],
  },
  calendar_feed: {
    clinic_admin: ['view', 'revoke'],
    the_therapist: ['view', 'create', 'revoke'],
  },
  staff_account: {
    clinic_admin: ['view', 'create', 'edit', 'deactivate', 'invite', 'reset_mfa'],
    self: ['view'],
  },
  audit_trail: {
    clinic_admin: ['read', 'export'],
  },
  retention: {
    clinic_admin: ['review', 'set_period'],
  },
  record_export: {
    treating_therapist: ['view', 'create', 'release', 'download'],
    // An admin's export holds no clinical content; a therapist's stays out of their reach.
    clinic_admin: [
      'create',
      { action: 'view', when: 'non_clinical' },
      { action: 'download', when: 'non_clinical' },
    ],
    // The client asks for their own copy and downloads it once released; never the partner.
    the_client: [
      'create',
      { action: 'view', when: 'client_copy' },
      { action: 'download', when: 'released' },
    ],
  },
  sign_in_security: {
    clinic_admin: ['review', 'set_policy'],
  },
  // Every staff member reads what they need of the clinic (name, time zone) from their session;
  // the settings themselves are the admin's.
  clinic_settings: {
    clinic_admin: ['view', 'edit'],
  },
};

/** The actions `relations` grant on a record of `kind` whose conditions are `holds`. */
export function allowedActions<K extends ResourceKind>(
  kind: K,
  relations: readonly Relation[],
  holds: (condition: Condition) => boolean,
): ActionOf<K>[] {
  const rows = PERMISSIONS[kind] as Partial<Record<Relation, readonly Grant<ActionOf<K>>[]>>;
  const allowed = new Set<ActionOf<K>>();
  for (const relation of relations) {
    for (const grant of rows[relation] ?? []) {
      if (typeof grant === 'string') allowed.add(grant);
      else if (holds(grant.when)) allowed.add(grant.action);
    }
  }
  // In the vocabulary's order, so `can` lists read the same way for every record.
  return (ACTIONS_BY_KIND[kind] as readonly ActionOf<K>[]).filter((action) => allowed.has(action));
}
