import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client } from '../clients/entities/client.entity';
import { User } from '../users/entities/user.entity';
import { SessionNote } from './entities/session-note.entity';
import { mayOnNote, type NoteAction } from './note-access.policy';
import { Db } from '../database/db.service';

const FORBIDDEN: Record<NoteAction, string> = {
  knowExists: 'You cannot see this note.',
  read: 'Only the clinicians treating this client read session notes.',
  edit: 'Only the author edits a draft note.',
  sign: 'Only the author signs a note.',
  addAddendum: 'Only the author adds an addendum to a note.',
};

export interface LoadedNote {
  note: SessionNote;
  client: Client;
}

/**
 * Loads a note with its client file and applies the note policy: a note the caller may not know
 * about answers 404 exactly like a missing one; one they know of but may not act on, 403.
 */
@Injectable()
export class NoteLoader {
  constructor(private readonly db: Db) {}

  async load(
    actor: AuthenticatedUser,
    noteId: string,
    action: NoteAction,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<LoadedNote> {
    // Row-level security hides a signed note from FOR UPDATE (it can never be updated), so a
    // lock is taken only on a row that may still change; a signed one is read as it is.
    const where = { id: noteId, clinicId: actor.clinicId };
    const note =
      (lock
        ? await manager.findOne(SessionNote, { where, lock: { mode: 'pessimistic_write' } })
        : null) ?? (await manager.findOne(SessionNote, { where }));
    const client = note ? await manager.findOneBy(Client, { id: note.clientId }) : null;
    if (!note || !client || !mayOnNote(actor, 'knowExists', note, client)) {
      throw new NotFoundException('Note not found.');
    }
    if (!mayOnNote(actor, action, note, client)) throw new ForbiddenException(FORBIDDEN[action]);
    note.author = (await manager.findOneBy(User, { id: note.authorId })) ?? undefined;
    return { note, client };
  }
}
