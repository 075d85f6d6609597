import { Injectable } from '@nestjs/common';
import { NOTE_LATE_AFTER_HOURS, type LateNote, type MissingNote } from '@cairn/contracts';
import { Db } from '../database/db.service';

/**
 * A note is also owed when a completed session has none at all. It counts as documented by a
 * progress note linked to the appointment (on either partner's chart for a couples session) or,
 * for a note written without linking it, by a progress note of that client or partner whose
 * session time lies within three hours of the appointment. `now` is a SQL expression, so a job
 * can count by the application clock. `documented` (kept by triggers, see the
 * AppointmentDocumented migration) only narrows the rows to the partial index
 * appointments_note_owed_idx, so the cost follows what is owed rather than the history; the
 * NOT EXISTS still decides. The two ways a note documents a session are two NOT EXISTS, not
 * one joined by OR: as the runtime role, under forced row-level security, the OR form read every
 * note of the clinic for each session checked (1.4 s for a home at 10,000 clients; now 15 ms).
 */
export const undocumentedAsOf = (now: string, hours: string): string => `
  a.status = 'completed' AND a.client_id IS NOT NULL AND NOT a.documented
  AND a.starts_at < ${now} - make_interval(hours => ${hours})
  AND NOT EXISTS (
    SELECT 1 FROM session_notes n WHERE n.appointment_id = a.id AND n.kind = 'progress')
  AND NOT EXISTS (
    SELECT 1 FROM session_notes n
     WHERE n.appointment_id IS NULL AND n.kind = 'progress'
       AND (n.client_id = a.client_id OR n.client_id = a.partner_client_id)
       AND n.session_at BETWEEN a.starts_at - interval '3 hours' AND a.ends_at + interval '3 hours')`;
const UNDOCUMENTED = undocumentedAsOf('now()', '$2');

interface MissingRow {
  id: string;
  client_id: string;
  client_name: string;
  starts_at: Date;
  minutes: number;
  kind: MissingNote['kind'];
  therapist_id: string;
  therapist_name: string;
}

/**
 * Notes owed: progress notes still unsigned 72 hours after their session, and completed sessions
 * that have no note at all 72 hours on. The therapist's to-do list, the chart and the admin's view.
 */
@Injectable()
export class LateNotesService {
  constructor(private readonly db: Db) {}

  async forAuthor(authorId: string): Promise<LateNote[]> {
    const drafts = await this.db.manager.query<
      { id: string; client_id: string; client_name: string; session_at: Date }[]
    >(
      `SELECT note.id, note.client_id, coalesce(client.preferred_name, client.legal_name) AS client_name,
                note.session_at
           FROM session_notes note
           JOIN clients client ON client.id = note.client_id
          WHERE note.author_id = $1 AND note.status = 'draft' AND note.kind = 'progress'
            AND note.session_at < now() - make_interval(hours => $2)
          ORDER BY note.session_at`,
      [authorId, NOTE_LATE_AFTER_HOURS],
    );
    const missing = await this.missing('a.therapist_id = $1', authorId);
    return [
      ...drafts.map((row) => ({
        id: row.id,
        clientId: row.client_id,
        clientName: row.client_name,
        sessionAt: row.session_at.toISOString(),
        noteMissing: false,
        appointmentId: null,
      })),
      ...missing.map((row) => ({
        id: row.id,
        clientId: row.client_id,
        clientName: row.client_name,
        sessionAt: row.starts_at.toISOString(),
        noteMissing: true,
        appointmentId: row.id,
      })),
    ].sort((a, b) => a.sessionAt.localeCompare(b.sessionAt));
  }

  /** A client's completed sessions (as the client or the partner) with no note 72 hours on. */
  async missingForClient(clientId: string): Promise<MissingNote[]> {
    const rows = await this.missing('(a.client_id = $1 OR a.partner_client_id = $1)', clientId);
    return rows.map((row) => ({
      appointmentId: row.id,
      clientId,
      sessionAt: row.starts_at.toISOString(),
      durationMinutes: row.minutes,
      kind: row.kind,
      therapist: { id: row.therapist_id, displayName: row.therapist_name },
    }));
  }

  private missing(scope: string, id: string): Promise<MissingRow[]> {
    return this.db.manager.query<MissingRow[]>(
      `SELECT a.id, a.client_id, coalesce(c.preferred_name, c.legal_name) AS client_name,
              a.starts_at, a.therapist_id, u.display_name AS therapist_name, a.kind,
              (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int AS minutes
         FROM appointments a
         JOIN clients c ON c.id = a.client_id
         JOIN users u ON u.id = a.therapist_id
        WHERE ${scope} AND ${UNDOCUMENTED}
        ORDER BY a.starts_at`,
      [id, NOTE_LATE_AFTER_HOURS],
    );
  }
}
