import { Injectable } from '@nestjs/common';
import type {
  ActionOf,
  MissingNote,
  NoteDetail,
  NoteListItem,
  NoteSummary,
} from '@cairn/contracts';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { displayNameOf } from '../clients/client-views';
import { AccessService, type Loaded, type LoadOptions } from '../access/access.service';
import { noteFacts, noteKind } from '../access/record-loaders';
import type { Client } from '../clients/entities/client.entity';
import { NoteAddendumRecord } from './entities/note-addendum.entity';
import { LateNotesService } from './late-notes.service';
import { SessionNote } from './entities/session-note.entity';
import { hashOfNote } from './note-hash';
import { NoteVault } from './note-vault';
import { toNoteDetail, toNoteListItem, toNoteSummary, type OpenedNote } from './note-views';
import { Db } from '../database/db.service';

/** What can be done to a note, of either kind. */
export type NoteAction = ActionOf<'progress_note'>;

export interface LoadedNote {
  note: SessionNote;
  client: Client;
  can: NoteAction[];
}

interface DetailOptions {
  /** Reads are audited; the echo of a write the caller just made is not a second read. */
  audit: boolean;
  manager?: EntityManager;
}

/** Reading notes: the chart's list, one note opened, and a signed note for export. */
@Injectable()
export class NoteReadsService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly vault: NoteVault,
    private readonly audit: AuditService,
    private readonly lateNotes: LateNotesService,
  ) {}

  /**
   * Completed sessions of the client with no note at all 72 hours on: late like an unsigned
   * draft. Whoever may list the notes (admin, treating therapist) sees these too; nothing here
   * is clinical (a date and who owes it).
   */
  async missing(actor: AuthenticatedUser, clientId: string): Promise<MissingNote[]> {
    await this.access.inFile(actor, clientId, 'progress_note', 'view');
    const missing = await this.lateNotes.missingForClient(clientId);
    await this.audit.record({
      action: 'note.missing_listed',
      entityType: 'client',
      entityId: clientId,
      detail: { count: missing.length },
    });
    return missing;
  }

  /**
   * A client's notes, newest session first. The treating therapist sees progress notes and their
   * own psychotherapy notes; an admin only that progress notes exist, and whether they are late.
   */
  async list(actor: AuthenticatedUser, clientId: string): Promise<NoteSummary[] | NoteListItem[]> {
    const file = await this.access.load(actor, 'client', clientId, 'view');
    // A clinician reads notes; others may at most know that progress notes exist.
    const clinician = this.access.can(actor, 'progress_note', file.facts).includes('read');
    const query = this.db.manager
      .createQueryBuilder(SessionNote, 'note')
      .innerJoinAndSelect('note.author', 'author')
      .where('note.client_id = :clientId', { clientId })
      .orderBy('note.session_at', 'DESC');
    query.andWhere(
      clinician
        ? `(note.kind = 'progress' OR note.author_id = :actorId)`
        : `note.kind = 'progress'`,
      { actorId: actor.id },
    );
    const notes = await query.getMany();
    await this.audit.record({
      action: 'note.listed',
      entityType: 'client',
      entityId: clientId,
      detail: { count: notes.length },
    });
    const now = new Date();
    if (!clinician) return notes.map((note) => toNoteSummary(note, now));
    const counts = await this.addendumCounts(notes.map((note) => note.id));
    return notes.map((note) => toNoteListItem(note, actor.id, counts.get(note.id) ?? 0, now));
  }

  async detail(
    actor: AuthenticatedUser,
    noteId: string,
    options: DetailOptions,
  ): Promise<NoteDetail> {
    const manager = options.manager ?? this.db.manager;
    const opened = await this.open(actor, noteId, manager);
    if (options.audit) {
      await this.audit.record(
        { action: 'note.viewed', entityType: 'note', entityId: noteId },
        manager,
      );
    }
    return toNoteDetail(opened, actor.id);
  }

  /** A note through the access layer, with its client file and author (for the byline). */
  async load(
    actor: AuthenticatedUser,
    noteId: string,
    action: NoteAction,
    options: LoadOptions = {},
  ): Promise<LoadedNote> {
    // The access layer's note loader reads the author's id and name with the note.
    const loaded = await this.access.load(actor, 'note', noteId, action, options);
    const note = loaded.record;
    return { note, client: note.client as Client, can: loaded.can };
  }

  /** Decrypts a note and its addenda for a caller the access layer lets `action` it. */
  async open(
    actor: AuthenticatedUser,
    noteId: string,
    manager: EntityManager = this.db.manager,
    action: NoteAction = 'read',
  ): Promise<OpenedNote> {
    const { note, client, can } = await this.load(actor, noteId, action, { manager });
    const addenda = await manager.find(NoteAddendumRecord, {
      where: { noteId },
      relations: { author: true },
      order: { createdAt: 'ASC' },
    });
    return this.opened(note, displayNameOf(client), can, addenda);
  }

  /**
   * A file's signed progress notes, oldest session first, opened for `download` (the record
   * export): two reads whatever their number, where opening them one by one took three a note.
   * Each note is still decided by the access layer, on the file's facts and its author, so a
   * note the caller may not download is refused (403, audited) as `open` would refuse it.
   */
  async openSignedProgressNotes(
    actor: AuthenticatedUser,
    file: Loaded<Client, 'client'>,
    manager: EntityManager = this.db.manager,
  ): Promise<OpenedNote[]> {
    const notes = await manager.find(SessionNote, {
      where: { clientId: file.record.id, kind: 'progress', status: 'signed' },
      relations: { author: true },
      order: { sessionAt: 'ASC' },
    });
    if (notes.length === 0) return [];
    const addenda = await manager.find(NoteAddendumRecord, {
      where: { noteId: In(notes.map((note) => note.id)) },
      relations: { author: true },
      order: { createdAt: 'ASC' },
    });
    const addendaOf = new Map<string, NoteAddendumRecord[]>();
    for (const addendum of addenda) {
      addendaOf.set(addendum.noteId, [...(addendaOf.get(addendum.noteId) ?? []), addendum]);
    }
    const clientName = displayNameOf(file.record);
    const opened: OpenedNote[] = [];
    for (const note of notes) {
      const kind = noteKind(note);
      const can = this.access.can(actor, kind, { ...file.facts, ...noteFacts(note) });
      await this.access.require({ kind, can }, note.id, 'download');
      opened.push(this.opened(note, clientName, can, addendaOf.get(note.id) ?? []));
    }
    return opened;
  }

  /** A note and its addenda decrypted, with the signature checked against what was opened. */
  private opened(
    note: SessionNote,
    clientName: string,
    can: NoteAction[],
    addenda: NoteAddendumRecord[],
  ): OpenedNote {
    const content = this.vault.openContent(note);
    return {
      note,
      clientName,
      content,
      integrity: integrityOf(note, content),
      can,
      addenda: addenda.map((addendum) => ({
        id: addendum.id,
        author: { id: addendum.authorId, displayName: addendum.author?.displayName ?? '' },
        createdAt: addendum.createdAt.toISOString(),
        text: this.vault.openAddendum(addendum),
        contentHash: addendum.contentHash,
      })),
    };
  }

  private async addendumCounts(noteIds: string[]): Promise<Map<string, number>> {
    if (noteIds.length === 0) return new Map();
    const rows = await this.db.manager.query<{ note_id: string; count: number }[]>(
      'SELECT note_id, count(*)::int AS count FROM note_addenda WHERE note_id = ANY($1) GROUP BY note_id',
      [noteIds],
    );
    return new Map(rows.map((row) => [row.note_id, row.count]));
  }
}

/** Recomputes a signed note's hash: a stored note that no longer matches its signature shows it. */
function integrityOf(note: SessionNote, content: OpenedNote['content']): NoteDetail['integrity'] {
  if (note.status !== 'signed' || !note.signedAt || !note.contentHash) return 'unsigned';
  return hashOfNote(note, note.signedAt, content) === note.contentHash ? 'intact' : 'altered';
}
