/**
 * The last thing that happened on each client file: the file itself changing (a discharge
 * included), its intake, timeline and phases, assessments and risk flags, appointments (as the
 * client or the partner), notes and addenda, homework and entries, reports, safety screens and
 * reviews (as either partner). Only dates leave
 * this query, never what the records say. A file with a future appointment is still in care.
 */
const LAST_ACTIVITY = `GREATEST(
    c.updated_at,
    (SELECT max(x.updated_at) FROM client_intakes x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.created_at, x.removed_at)) FROM client_timeline_events x WHERE x.client_id = c.id),
    (SELECT max(x.created_at) FROM client_treatment_phases x WHERE x.client_id = c.id),
    (SELECT max(x.created_at) FROM measurement_schedules x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.updated_at, x.completed_at)) FROM assessments x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.raised_at, x.acknowledged_at)) FROM risk_flags x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.starts_at, x.updated_at)) FROM appointments x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.starts_at, x.updated_at)) FROM appointments x WHERE x.partner_client_id = c.id),
    (SELECT max(GREATEST(x.session_at, x.updated_at)) FROM session_notes x WHERE x.client_id = c.id),
    (SELECT max(a.created_at) FROM note_addenda a JOIN session_notes n ON n.id = a.note_id WHERE n.client_id = c.id),
    (SELECT max(x.updated_at) FROM homework_assignments x WHERE x.client_id = c.id),
    (SELECT max(x.updated_at) FROM homework_entries x WHERE x.client_id = c.id),
    (SELECT max(x.updated_at) FROM progress_reports x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.updated_at, x.completed_at)) FROM safety_screens x WHERE x.client_id = c.id),
    (SELECT max(GREATEST(x.raised_at, x.decided_at)) FROM safety_reviews x WHERE c.id IN (x.client_id, x.partner_client_id))
  )`;

/** $1 clinic id, $2 clinic time zone, $3 cutoff date: closed files last active before it. */
const PAST_RETENTION = `
  WITH activity AS (
    SELECT c.id, c.legal_name, c.preferred_name, c.status, c.date_of_birth, c.primary_therapist_id,
           (${LAST_ACTIVITY} AT TIME ZONE $2)::date AS last_on
      FROM clients c
     WHERE c.clinic_id = $1 AND c.status <> 'active'
  )
  SELECT * FROM activity WHERE last_on < $3::date`;

export interface RetentionRow {
  id: string;
  legal_name: string;
  preferred_name: string | null;
  status: 'prospect' | 'active' | 'paused' | 'discharged';
  date_of_birth: string | null;
  last_on: string;
  minor: boolean;
  therapist_id: string | null;
  therapist_name: string | null;
  therapist_active: boolean | null;
}

/** $4 minor age, $5 limit, $6 offset; oldest activity first. */
export const RETENTION_PAGE_SQL = `
  SELECT p.id, p.legal_name, p.preferred_name, p.status, p.date_of_birth::text AS date_of_birth,
         p.last_on::text AS last_on,
         (p.date_of_birth IS NOT NULL AND p.last_on < (p.date_of_birth + make_interval(years => $4))::date) AS minor,
         u.id AS therapist_id, u.display_name AS therapist_name, u.is_active AS therapist_active
    FROM (${PAST_RETENTION}) p
    LEFT JOIN users u ON u.id = p.primary_therapist_id
   ORDER BY p.last_on, p.id
   LIMIT $5 OFFSET $6`;

export const RETENTION_COUNT_SQL = `SELECT count(*)::int AS total FROM (${PAST_RETENTION}) p`;
