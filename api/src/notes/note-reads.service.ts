import { Injectable } from '@nestjs/common';
import type { MissingNote, NoteDetail, NoteListItem, NoteSummary } from '@cairn/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { displayNameOf } from '../clients/client-views';
import { PolicyService } from '../policy/policy.service';
import { NoteAddendumRecord } from './entities/note-addendum.entity';
import { LateNotesService } from './late-notes.service';
import { SessionNote } from './entities/session-note.entity';
import { hashOfNote } from './note-hash';
import { NoteLoader } from './note-loader';
import { NoteVault } from './note-vault';
import { toNoteDetail, toNoteListItem, toNoteSummary, type OpenedNote } from './note-views';

interface DetailOptions {
  /** Reads are audited; the echo of a write the caller just made is not a second read. */
  audit: boolean;
  manager?: EntityManager;
}

/** Reading notes: the chart's list, one note opened, and a signed note for export. */
@Injectable()
export class NoteReadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly loader: NoteLoader,
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
    await this.policy.client(actor, clientId, 'view');
    const missing = await this.lateNotes.missingForClient(clientId);
    await this.audit.record({
      action: 'note.missing_list',
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
    const client = await this.policy.client(actor, clientId, 'view');
    const clinician = this.policy.seesClinical(actor, client);
    const query = this.dataSource
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
      action: 'note.list',
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
    const manager = options.manager ?? this.dataSource.manager;
    const opened = await this.open(actor, noteId, manager);
    if (options.audit) {
      await this.audit.record(
        { action: 'note.read', entityType: 'note', entityId: noteId },
        manager,
      );
    }
    return toNoteDetail(opened, actor.id);
  }

  /** Decrypts a note and its addenda for a caller the policy lets read it. */
  async open(
    actor: AuthenticatedUser,
    noteId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OpenedNote> {
    const { note, client } = await this.loader.load(actor, noteId, 'read', manager);
    const content = this.vault.openContent(note);
    const addenda = await manager.find(NoteAddendumRecord, {
      where: { noteId },
      relations: { author: true },
      order: { createdAt: 'ASC' },
    });
    return {
      note,
      clientName: displayNameOf(client),
      content,
      integrity: integrityOf(note, content),
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
    const rows = await this.dataSource.query<{ note_id: string; count: number }[]>(
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
