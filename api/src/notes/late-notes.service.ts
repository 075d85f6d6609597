import { Injectable } from '@nestjs/common';
import { NOTE_LATE_AFTER_HOURS, type LateNote } from '@cairn/contracts';
import { Db } from '../database/db.service';

/** Progress notes still unsigned 72 hours after their session: the therapist's to-do list. */
@Injectable()
export class LateNotesService {
  constructor(private readonly db: Db) {}

  async forAuthor(authorId: string): Promise<LateNote[]> {
    const rows = await this.db.manager.query<
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
    return rows.map((row) => ({
      id: row.id,
      clientId: row.client_id,
      clientName: row.client_name,
      sessionAt: row.session_at.toISOString(),
    }));
  }
}
