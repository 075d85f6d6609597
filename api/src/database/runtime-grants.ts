/** Runs one statement and answers its rows: a TypeORM DataSource's or a pg Client's query, wrapped. */
export type RunSql = (sql: string) => Promise<Record<string, unknown>[]>;

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * Exactly what the runtime role may do to each table: no TRUNCATE anywhere, no UPDATE or DELETE
 * on what is append-only (audit events, addenda). Rows that become immutable later in their
 * life (signed notes, completed assessments, fixed entries, final reports) keep UPDATE for the
 * rows that may still change; triggers and row-level policies refuse the rest. A table missing
 * here gets nothing, and a test fails until it is decided.
 */
export const RUNTIME_GRANTS: Readonly<Record<string, readonly Privilege[]>> = {
  clinics: ['SELECT', 'UPDATE'],
  users: ['SELECT', 'INSERT', 'UPDATE'],
  auth_sessions: ['SELECT', 'INSERT', 'UPDATE'],
  refresh_tokens: ['SELECT', 'INSERT', 'UPDATE'],
  // Keyed by the address typed, before anyone is known; holds no clinic's records.
  login_throttles: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // Per-address request counts (sign-in, invitations); keyed by route and IP, no clinic's rows.
  request_rate_limits: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  audit_events: ['SELECT', 'INSERT'],
  account_invites: ['SELECT', 'INSERT', 'UPDATE'],
  clients: ['SELECT', 'INSERT', 'UPDATE'],
  client_intakes: ['SELECT', 'INSERT', 'UPDATE'],
  client_timeline_events: ['SELECT', 'INSERT', 'UPDATE'],
  // A second phase entry for the same day corrects the first (an upsert).
  client_treatment_phases: ['SELECT', 'INSERT', 'UPDATE'],
  measurement_schedules: ['SELECT', 'INSERT', 'UPDATE'],
  assessments: ['SELECT', 'INSERT', 'UPDATE'],
  risk_flags: ['SELECT', 'INSERT', 'UPDATE'],
  safety_screens: ['SELECT', 'INSERT', 'UPDATE'],
  safety_reviews: ['SELECT', 'INSERT', 'UPDATE'],
  session_notes: ['SELECT', 'INSERT', 'UPDATE'],
  note_addenda: ['SELECT', 'INSERT'],
  progress_reports: ['SELECT', 'INSERT', 'UPDATE'],
  homework_templates: ['SELECT', 'INSERT', 'UPDATE'],
  homework_assignments: ['SELECT', 'INSERT', 'UPDATE'],
  homework_entries: ['SELECT', 'INSERT', 'UPDATE'],
  appointments: ['SELECT', 'INSERT', 'UPDATE'],
  // A split series gets its end moved to before the change; never deleted.
  appointment_series: ['SELECT', 'INSERT', 'UPDATE'],
  // Working hours and exceptions are replaced as a whole; a revoked calendar feed is deleted.
  availability_exceptions: ['SELECT', 'INSERT', 'DELETE'],
  therapist_weekly_hours: ['SELECT', 'INSERT', 'DELETE'],
  calendar_feeds: ['SELECT', 'INSERT', 'DELETE'],
  // A reset (by an admin or the operator) removes the factor; a new enrolment replaces it.
  totp_credentials: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  mfa_recovery_codes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  mfa_challenges: ['SELECT', 'INSERT', 'UPDATE'],
  // The counter moves with each use; the person removes a passkey, or a reset removes them all.
  passkey_credentials: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // A delivery row is written before sending and updated with each attempt's outcome.
  mail_deliveries: ['SELECT', 'INSERT', 'UPDATE'],
  // A newer link revokes the older; a used one is marked, never deleted.
  password_resets: ['SELECT', 'INSERT', 'UPDATE'],
  // Keyed by the address or IP typed, before anyone is known; holds no clinic's records.
  password_reset_throttles: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  email_changes: ['SELECT', 'INSERT', 'UPDATE'],
  // Planned once, then moved through its statuses; never deleted (the admin's record of messages).
  planned_messages: ['SELECT', 'INSERT', 'UPDATE'],
  // Derived from scores and homework: triggers mark a row, the home recomputes it; a client's
  // row goes with the client (ON DELETE CASCADE), never by the app.
  client_alert_facts: ['SELECT', 'INSERT', 'UPDATE'],
  // Moved through its statuses by the job; the zip is dropped at expiry, the row kept.
  record_exports: ['SELECT', 'INSERT', 'UPDATE'],
};

/** Tables the runtime role never touches at all. */
export const OWNER_ONLY_TABLES = ['schema_migrations'] as const;

/** The SECURITY DEFINER lookups made before anyone is signed in (see the TenantIsolation migration). */
export const RUNTIME_FUNCTIONS = [
  'lookup_sign_in(text)',
  'lookup_refresh_token(text)',
  'lookup_invite(text)',
  'lookup_calendar_feed(text)',
  'lookup_mfa_challenge(text)',
  'lookup_password_reset(text)',
  'lookup_email_change(text)',
  'clinic_ids()',
  // The daily job keeps the audit trail's coming months partitioned (see docs/database-roles.md).
  'audit_ensure_partitions(integer)',
] as const;

/**
 * Gives the runtime role its grants, and nothing more: everything is revoked first, so a grant
 * removed here is removed from the database at the next start. Run as the owner after every
 * migration run (and after a restore); idempotent.
 */
export async function applyRuntimeGrants(sql: RunSql, role: string): Promise<void> {
  const grantee = quoteIdent(role);
  await sql(`GRANT USAGE ON SCHEMA public TO ${grantee}`);
  // Partitions are listed too and so lose every grant: the runtime role reaches their rows
  // only through the parent (audit_events), whose grants and policies apply.
  const tables = await sql(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  for (const { name } of tables as { name: string }[]) {
    const table = `public.${quoteIdent(name)}`;
    await sql(`REVOKE ALL ON ${table} FROM ${grantee}`);
    const privileges = RUNTIME_GRANTS[name];
    if (privileges?.length) await sql(`GRANT ${privileges.join(', ')} ON ${table} TO ${grantee}`);
  }
  for (const fn of RUNTIME_FUNCTIONS) {
    await sql(`GRANT EXECUTE ON FUNCTION public.${fn} TO ${grantee}`);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
