import type { Role } from './roles';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_CATEGORIES = {
  sign_in: 'Sign-in and sessions',
  access: 'Refused access',
  client_file: 'Client files',
  clinical: 'Clinical records',
  notes: 'Session notes',
  homework: 'Homework and check-ins',
  reports: 'Progress reports',
  scheduling: 'Scheduling',
  staff: 'Staff accounts',
  audit: 'Audit trail',
  clinic: 'Clinic settings',
} as const;
export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

interface AuditActionInfo {
  label: string;
  category: AuditCategory;
}

/**
 * Every audit action, once: one tense (what happened), a label a person reads and a category the
 * trail filters by. The API's `AuditRecord.action` is typed against it, so a new event cannot be
 * written without a label.
 */
export const AUDIT_ACTIONS = {
  'auth.signed_in': { label: 'Signed in', category: 'sign_in' },
  'auth.sign_in_failed': { label: 'Sign-in failed', category: 'sign_in' },
  'auth.locked_out': { label: 'Sign-in locked after repeated failures', category: 'sign_in' },
  'auth.signed_out': { label: 'Signed out', category: 'sign_in' },
  'auth.refresh_reused': {
    label: 'Session ended: a used sign-in token came back',
    category: 'sign_in',
  },
  'auth.password_changed': { label: 'Changed their password', category: 'sign_in' },
  'auth.invitation_accepted': { label: 'Accepted an invitation', category: 'sign_in' },
  'auth.password_reset_requested': {
    label: 'Asked for a password reset link',
    category: 'sign_in',
  },
  'auth.password_reset': {
    label: 'Chose a new password from a reset link',
    category: 'sign_in',
  },
  'auth.email_change_requested': {
    label: 'Asked to change their sign-in email',
    category: 'sign_in',
  },
  'auth.email_changed': { label: 'Changed their sign-in email', category: 'sign_in' },
  'clinic.created': { label: 'Created the clinic and invited its first admin', category: 'staff' },
  'auth.token_rejected': { label: 'Forged or tampered token refused', category: 'sign_in' },
  'auth.session_revoked': { label: 'Signed out another session', category: 'sign_in' },
  'mfa.totp_enrolled': { label: 'Turned on an authenticator app', category: 'sign_in' },
  'mfa.totp_disabled': { label: 'Turned off the authenticator app', category: 'sign_in' },
  'mfa.passkey_registered': { label: 'Added a passkey', category: 'sign_in' },
  'mfa.passkey_removed': { label: 'Removed a passkey', category: 'sign_in' },
  'mfa.verify_failed': { label: 'Second sign-in step failed', category: 'sign_in' },
  'mfa.locked_out': {
    label: 'Second sign-in step locked after repeated failures',
    category: 'sign_in',
  },
  'mfa.recovery_code_used': { label: 'Signed in with a recovery code', category: 'sign_in' },
  'mfa.recovery_codes_renewed': { label: 'Made new recovery codes', category: 'sign_in' },
  'mfa.reset': { label: "Reset another person's sign-in protection", category: 'staff' },
  'mfa.reset_by_operator': {
    label: 'Sign-in protection reset by the installation operator',
    category: 'staff',
  },
  'clinic.mfa_policy_changed': { label: 'Changed whether staff need MFA', category: 'staff' },
  'access.denied': { label: 'Access refused', category: 'access' },

  'client.listed': { label: 'Listed client files', category: 'client_file' },
  'client.viewed': { label: 'Opened a client file', category: 'client_file' },
  'client.created': { label: 'Opened a new client file', category: 'client_file' },
  'client.imported': { label: 'Imported client files from a CSV', category: 'client_file' },
  'client.reminder_consent_changed': {
    label: 'Changed reminder consent',
    category: 'client_file',
  },
  'client.homework_nudges_changed': {
    label: 'Turned homework nudges on or off',
    category: 'homework',
  },
  'user.daily_digest_changed': {
    label: 'Turned the daily digest on or off',
    category: 'staff',
  },
  'clinic.message_settings_changed': {
    label: 'Changed message settings',
    category: 'client_file',
  },
  'planned_message.listed': { label: 'Read the list of messages', category: 'client_file' },
  'planned_message.retried': { label: 'Retried a failed message', category: 'client_file' },
  'client.updated': { label: 'Changed client details', category: 'client_file' },
  'client.assigned': { label: 'Assigned a therapist', category: 'client_file' },
  'client.partner_linked': { label: 'Linked partners', category: 'client_file' },
  'client.partner_unlinked': { label: 'Unlinked partners', category: 'client_file' },
  'client.portal_invited': { label: 'Invited to the portal', category: 'client_file' },
  'client.profile_viewed': { label: 'Client viewed their profile', category: 'client_file' },
  'client.intake_updated': { label: 'Updated the intake', category: 'clinical' },
  'client.timeline_added': { label: 'Added a timeline event', category: 'clinical' },
  'client.timeline_updated': { label: 'Changed a timeline event', category: 'clinical' },
  'client.timeline_removed': { label: 'Removed a timeline event', category: 'clinical' },
  'client.phase_set': { label: 'Set the phase of care', category: 'clinical' },

  'assessment.listed': { label: 'Listed questionnaires', category: 'clinical' },
  'assessment.viewed': { label: 'Read a questionnaire', category: 'clinical' },
  'assessment.created': { label: 'Gave a questionnaire', category: 'clinical' },
  'assessment.answers_saved': { label: 'Saved answers', category: 'clinical' },
  'assessment.completed': { label: 'Completed a questionnaire', category: 'clinical' },
  'assessment.cancelled': { label: 'Cancelled a questionnaire', category: 'clinical' },
  'assessment.shared': { label: 'Shared a result with the client', category: 'clinical' },
  'assessment.unshared': { label: 'Stopped sharing a result', category: 'clinical' },
  'assessment.exported': { label: 'Exported a questionnaire (FHIR)', category: 'clinical' },
  'fhir.patient_read': { label: 'Read a client file (FHIR)', category: 'client_file' },
  'fhir.practitioner_read': { label: 'Read a staff member (FHIR)', category: 'staff' },
  'fhir.searched': { label: 'Read scores or risk flags (FHIR)', category: 'clinical' },
  'fhir.record_exported': { label: 'Exported a whole record (FHIR)', category: 'clinical' },
  'client.record_exported': { label: 'Exported a whole record (zip)', category: 'client_file' },
  'record_export.requested': { label: 'Asked for a record export', category: 'client_file' },
  'record_export.client_requested': {
    label: 'Client asked for a copy of their record',
    category: 'client_file',
  },
  'record_export.released': {
    label: 'Released a record copy to the client',
    category: 'client_file',
  },
  'record_export.built': { label: 'Built a record export', category: 'client_file' },
  'record_export.downloaded': { label: 'Downloaded a record export', category: 'client_file' },
  'record_export.expired': { label: 'A record export expired', category: 'client_file' },
  'assessment.own_listed': { label: 'Client listed their questionnaires', category: 'clinical' },
  'assessment.own_viewed': { label: 'Client opened a questionnaire', category: 'clinical' },
  'measures.viewed': { label: 'Read scores over time', category: 'clinical' },
  'progress.viewed': { label: 'Read the progress dashboard', category: 'clinical' },
  'dashboard.viewed': { label: 'Read the caseload overview', category: 'clinical' },
  'risk_flag.raised': { label: 'Risk flag raised', category: 'clinical' },
  'risk_flag.acknowledged': { label: 'Acknowledged a risk flag', category: 'clinical' },
  'risk_flag.listed': { label: 'Read risk flags', category: 'clinical' },
  'safety_screen.created': { label: 'Started a safety screen', category: 'clinical' },
  'safety_screen.viewed': { label: 'Read a safety screen', category: 'clinical' },
  'safety_screen.answers_saved': { label: 'Saved safety screen answers', category: 'clinical' },
  'safety_screen.completed': { label: 'Finished a safety screen', category: 'clinical' },
  'safety_screen.cancelled': { label: 'Withdrew a safety screen', category: 'clinical' },
  'safety.viewed': { label: 'Read safety before couples work', category: 'clinical' },
  'safety.review_raised': { label: 'Safety review raised', category: 'clinical' },
  'safety.decision_recorded': {
    label: 'Recorded the decision on couples work',
    category: 'clinical',
  },
  'measurement_schedule.created': { label: 'Scheduled a questionnaire', category: 'clinical' },
  'measurement_schedule.stopped': {
    label: 'Stopped a questionnaire schedule',
    category: 'clinical',
  },
  'measurement_schedule.listed': { label: 'Read questionnaire schedules', category: 'clinical' },

  'note.listed': { label: 'Listed session notes', category: 'notes' },
  'note.viewed': { label: 'Read a session note', category: 'notes' },
  'note.created': { label: 'Started a session note', category: 'notes' },
  'note.updated': { label: 'Saved a draft note', category: 'notes' },
  'note.signed': { label: 'Signed a note', category: 'notes' },
  'note.amended': { label: 'Added an addendum', category: 'notes' },
  'note.exported': { label: 'Downloaded a note (PDF)', category: 'notes' },
  'note.missing_listed': { label: 'Read sessions still owing a note', category: 'notes' },

  'homework.listed': { label: 'Read homework', category: 'homework' },
  'homework.assigned': { label: 'Assigned homework', category: 'homework' },
  'homework.updated': { label: 'Changed homework', category: 'homework' },
  'homework.closed': { label: 'Closed homework', category: 'homework' },
  'homework.entries_viewed': { label: 'Read homework entries', category: 'homework' },
  'homework.own_listed': { label: 'Client opened their homework', category: 'homework' },
  'homework.entry_created': { label: 'Client did homework', category: 'homework' },
  'homework.entry_updated': { label: 'Client changed an entry', category: 'homework' },
  'homework_template.created': { label: 'Added a homework exercise', category: 'homework' },

  'report.listed': { label: 'Listed progress reports', category: 'reports' },
  'report.viewed': { label: 'Read a progress report', category: 'reports' },
  'report.created': { label: 'Created a progress report', category: 'reports' },
  'report.updated': { label: 'Saved a report draft', category: 'reports' },
  'report.finalized': { label: 'Finalized a report', category: 'reports' },
  'report.shared': { label: 'Shared a report with the client', category: 'reports' },
  'report.exported': { label: 'Downloaded a report (PDF)', category: 'reports' },
  'report.own_listed': { label: 'Client listed their documents', category: 'reports' },

  'appointment.listed': { label: 'Read the schedule', category: 'scheduling' },
  'appointment.viewed': { label: 'Opened an appointment', category: 'scheduling' },
  'appointment.created': { label: 'Booked an appointment', category: 'scheduling' },
  'appointment.updated': { label: 'Changed an appointment', category: 'scheduling' },
  'appointment.rescheduled': { label: 'Rescheduled an appointment', category: 'scheduling' },
  'appointment.cancelled': { label: 'Cancelled an appointment', category: 'scheduling' },
  'appointment.completed': { label: 'Marked an appointment attended', category: 'scheduling' },
  'appointment.no_show': { label: 'Recorded a missed appointment', category: 'scheduling' },
  'appointment.prospect_converted': {
    label: 'Opened a file from a consultation',
    category: 'scheduling',
  },
  'appointment.own_listed': { label: 'Client viewed their appointments', category: 'scheduling' },
  'availability.updated': { label: 'Changed working hours', category: 'scheduling' },
  'calendar_feed.created': { label: 'Made a calendar link', category: 'scheduling' },
  'calendar_feed.revoked': { label: 'Revoked a calendar link', category: 'scheduling' },
  'calendar_feed.fetched': { label: 'Calendar app fetched the feed', category: 'scheduling' },

  'staff.created': { label: 'Added a staff member', category: 'staff' },
  'staff.updated': { label: 'Changed a staff member', category: 'staff' },
  'staff.deactivated': { label: 'Deactivated a staff member', category: 'staff' },
  'staff.reactivated': { label: 'Reactivated a staff member', category: 'staff' },
  'staff.invited': { label: 'Sent a staff invitation', category: 'staff' },

  'retention.reviewed': { label: 'Reviewed files past retention', category: 'client_file' },
  'retention.policy_updated': { label: 'Changed the retention period', category: 'client_file' },

  'clinic.settings_updated': { label: 'Changed the clinic settings', category: 'clinic' },

  'audit.viewed': { label: 'Read the audit trail', category: 'audit' },
  'audit.exported': { label: 'Exported the audit trail (CSV)', category: 'audit' },
} as const satisfies Record<string, AuditActionInfo>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

/** Names events had before the vocabulary was settled, so older rows still read well. */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  'auth.login': 'auth.signed_in',
  'auth.login_failed': 'auth.sign_in_failed',
  'auth.locked': 'auth.locked_out',
  'auth.logout': 'auth.signed_out',
  'auth.invite_accepted': 'auth.invitation_accepted',
  'client.list': 'client.listed',
  'client.read': 'client.viewed',
  'assessment.list': 'assessment.listed',
  'assessment.read': 'assessment.viewed',
  'measures.read': 'measures.viewed',
  'progress.read': 'progress.viewed',
  'dashboard.read': 'dashboard.viewed',
  'risk.raised': 'risk_flag.raised',
  'risk.acknowledged': 'risk_flag.acknowledged',
  'schedule.created': 'measurement_schedule.created',
  'schedule.stopped': 'measurement_schedule.stopped',
  'note.list': 'note.listed',
  'note.read': 'note.viewed',
  'note.create': 'note.created',
  'note.update': 'note.updated',
  'note.sign': 'note.signed',
  'note.addendum': 'note.amended',
  'note.export_pdf': 'note.exported',
  'homework.list': 'homework.listed',
  'homework.entries_read': 'homework.entries_viewed',
  'report.list': 'report.listed',
  'report.read': 'report.viewed',
  'report.create': 'report.created',
  'report.finalize': 'report.finalized',
  'report.share': 'report.shared',
  'report.update': 'report.updated',
  'report.export_pdf': 'report.exported',
  'appointment.list': 'appointment.listed',
  'appointment.read': 'appointment.viewed',
  'appointment.own_list': 'appointment.own_listed',
  'calendar_feed.read': 'calendar_feed.fetched',
};

/** The label and category of a stored action name (current or legacy); unknown names read raw. */
export function describeAuditAction(action: string): {
  label: string;
  category: AuditCategory | null;
} {
  const current = (AUDIT_ACTIONS as Record<string, AuditActionInfo>)[action];
  const info = current ?? AUDIT_ACTIONS[LEGACY_AUDIT_ACTIONS[action] ?? ('' as AuditAction)];
  return info ? { label: info.label, category: info.category } : { label: action, category: null };
}

/** The current and legacy names of every action in a category, for filtering stored rows. */
export function auditActionsIn(category: AuditCategory): string[] {
  const current = AUDIT_ACTION_NAMES.filter((name) => AUDIT_ACTIONS[name].category === category);
  const legacy = Object.entries(LEGACY_AUDIT_ACTIONS)
    .filter(([, name]) => AUDIT_ACTIONS[name].category === category)
    .map(([old]) => old);
  return [...current, ...legacy];
}

/** Kept for the API's auth code: the sign-in events by purpose. */
export const AuditActions = {
  loginSucceeded: 'auth.signed_in',
  loginFailed: 'auth.sign_in_failed',
  loginLocked: 'auth.locked_out',
  logout: 'auth.signed_out',
  refreshReused: 'auth.refresh_reused',
  passwordChanged: 'auth.password_changed',
  inviteAccepted: 'auth.invitation_accepted',
  tokenRejected: 'auth.token_rejected',
  accessDenied: 'access.denied',
} as const satisfies Record<string, AuditAction>;

/** One row of the audit trail as an auditor reads it: names, not ids. */
export interface AuditEventView {
  id: string;
  occurredAt: string;
  userId: string | null;
  userDisplayName: string | null;
  role: Role | null;
  action: string;
  /** The action in words ("Signed a note"); the raw name for one Cairn no longer writes. */
  actionLabel: string;
  category: AuditCategory | null;
  entityType: string | null;
  entityId: string | null;
  clientId: string | null;
  /** The client file's name, when the event concerns one. */
  clientName: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
}

/** Filters of the audit trail; paging is by position (`before`), never by counting millions. */
export interface AuditEventQuery {
  pageSize?: number;
  /** Continue after this event (the last `id` of the previous page). */
  before?: string;
  userId?: string;
  clientId?: string;
  category?: AuditCategory;
  outcome?: AuditOutcome;
  /** Clinic dates, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditEventPage {
  items: AuditEventView[];
  /** Pass as `before` to read the next (older) page; null at the end. */
  nextBefore: string | null;
}
