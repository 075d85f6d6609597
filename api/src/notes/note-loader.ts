import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client } from '../clients/entities/client.entity';
import { User } from '../users/entities/user.entity';
import { SessionNote } from './entities/session-note.entity';
import { mayOnNote, type NoteAction } from './note-access.policy';

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
  constructor(private readonly dataSource: DataSource) {}

  async load(
    actor: AuthenticatedUser,
    noteId: string,
    action: NoteAction,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<LoadedNote> {
    const note = await manager.findOne(SessionNote, {
      where: { id: noteId, clinicId: actor.clinicId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const client = note ? await manager.findOneBy(Client, { id: note.clientId }) : null;
    if (!note || !client || !mayOnNote(actor, 'knowExists', note, client)) {
      throw new NotFoundException('Note not found.');
    }
    if (!mayOnNote(actor, action, note, client)) throw new ForbiddenException(FORBIDDEN[action]);
    note.author = (await manager.findOneBy(User, { id: note.authorId })) ?? undefined;
    return { note, client };
  }
}
