/**
 * The vocabulary of Cairn's access layer, shared by API and client: every kind of record and what
 * can be done to each. Which relation may do what is the API's permissions table
 * (api/src/access/permissions.ts); a detail response tells the client the outcome for that one
 * record in `can`, and the client shows actions from it instead of deciding by role.
 */
export const ACTIONS_BY_KIND = {
  /** The client file: demographics and its administration. */
  client: [
    'view',
    'create',
    'edit',
    'assign_therapist',
    'invite_portal',
    'link_partner',
    'book',
    'read_progress',
    'view_profile',
  ],
  intake: ['read', 'edit'],
  timeline_event: ['read', 'create', 'edit', 'remove'],
  treatment_phase: ['read', 'create'],
  progress_note: ['view', 'read', 'create', 'edit', 'sign', 'amend', 'download'],
  /** Process notes: their author's alone; nobody else learns they exist. Never exported. */
  psychotherapy_note: ['view', 'read', 'create', 'edit', 'sign', 'amend'],
  addendum: ['read'],
  /** An administration of an instrument, its answers and its score. */
  assessment: [
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
  risk_flag: ['read', 'acknowledge'],
  /** Each partner's private safety screen before couples work: never the other partner's. */
  safety_screen: ['view', 'read', 'create', 'answer', 'complete', 'cancel'],
  /** A couple's safety review and the decision on conjoint work. */
  safety_review: ['view', 'read', 'decide'],
  measurement_schedule: ['view', 'create', 'stop'],
  homework_assignment: ['view', 'read', 'create', 'edit', 'do'],
  homework_entry: ['view', 'read', 'edit'],
  /** A progress report: the file copy (everything) and the release copy (for the client or a referrer). */
  report: ['view', 'read', 'create', 'edit', 'finalize', 'share', 'download', 'download_release'],
  appointment: [
    'view',
    'create',
    'reschedule',
    'cancel',
    'complete',
    'no_show',
    'convert_prospect',
    'override_hours',
  ],
  /** A therapist's weekly hours and exceptions. */
  availability: ['view', 'edit'],
  calendar_feed: ['view', 'create', 'revoke'],
  staff_account: ['view', 'create', 'edit', 'deactivate', 'invite', 'reset_mfa'],
  /** Who has MFA, and whether the clinic requires it of staff. */
  sign_in_security: ['review', 'set_policy'],
  audit_trail: ['read', 'export'],
  /** Closed files past the clinic's retention period (names and dates only), and the period. */
  retention: ['review', 'set_period'],
  /**
   * An export of a client's record made as a job: staff ask for one, a client asks for their
   * own copy (both `create`), and the treating therapist releases the client's.
   */
  record_export: ['view', 'create', 'release', 'download'],
  /** The clinic's settings page: letterhead, time zone, paper, crisis resources, sender, idle time-out. */
  clinic_settings: ['view', 'edit'],
} as const;

export type ResourceKind = keyof typeof ACTIONS_BY_KIND;
export const RESOURCE_KINDS = Object.keys(ACTIONS_BY_KIND) as ResourceKind[];

/** What can be done to a record of kind K. */
export type ActionOf<K extends ResourceKind> = (typeof ACTIONS_BY_KIND)[K][number];
/** Any action of any kind (the values a `can` list may hold). */
export type Action = ActionOf<ResourceKind>;

/** The actions the caller may take on one record, as decided by the access layer. */
export interface Allowed<K extends ResourceKind> {
  can: ActionOf<K>[];
}

/** The kinds of record that live inside a client file. */
export const FILE_RECORD_KINDS = [
  'intake',
  'timeline_event',
  'treatment_phase',
  'progress_note',
  'psychotherapy_note',
  'assessment',
  'risk_flag',
  'safety_screen',
  'safety_review',
  'measurement_schedule',
  'homework_assignment',
  'report',
  'appointment',
  'record_export',
] as const satisfies readonly ResourceKind[];
export type FileRecordKind = (typeof FILE_RECORD_KINDS)[number];

/** What the caller may do inside one client file, kind by kind (`create` a note, `edit` the intake). */
export type FileAccess = { [K in FileRecordKind]: ActionOf<K>[] };
