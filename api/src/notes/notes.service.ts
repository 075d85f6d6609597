import { ConflictException, Injectable } from '@nestjs/common';
import {
  contentProblems,
  noteTemplate,
  signingProblems,
  SERVICE_TYPE_CPT,
  type CreateNoteRequest,
  type NoteContent,
  type NoteKind,
  type NoteDetail,
  type NoteTemplate,
  type SaveNoteRequest,
} from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { PasswordConfirmationService } from '../auth/password-confirmation.service';
import { displayNameOf } from '../clients/client-views';
import { FieldValidationException, StaleVersionException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { Appointment } from '../scheduling/entities/appointment.entity';
import { NoteAddendumRecord } from './entities/note-addendum.entity';
import { SessionNote } from './entities/session-note.entity';
import { addendumHash, hashOfNote } from './note-hash';
import { NoteReadsService } from './note-reads.service';
import { NoteVault } from './note-vault';
import { assertNoRiskDeniedOverOpenFlag } from './open-risk-check';
import { toNoteDetail } from './note-views';
import { Db } from '../database/db.service';

/** A note may be written ahead of a session by a day at most (time zones, late evening prep). */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Writing notes: drafts (with optimistic versions, so two tabs never overwrite each other),
 * signing with the author's password, and addenda under a signed note. Every write is one
 * transaction with its audit event.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly vault: NoteVault,
    private readonly reads: NoteReadsService,
    private readonly passwords: PasswordConfirmationService,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    request: CreateNoteRequest,
  ): Promise<NoteDetail> {
    const template = templateOrFail(request.templateCode);
    const content = request.content ?? {};
    const sessionAt = sessionTimeOrFail(request.sessionAt);
    assertContent(template, content);
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      const kind = template.kind === 'psychotherapy' ? 'psychotherapy_note' : 'progress_note';
      const { record: client } = await this.access.inFile(actor, clientId, kind, 'create', {
        manager,
      });
      await manager.insert(SessionNote, {
        id,
        clinicId: client.clinicId,
        clientId: client.id,
        authorId: actor.id,
        kind: template.kind,
        templateCode: template.code,
        serviceType: request.serviceType,
        cptCode: SERVICE_TYPE_CPT[request.serviceType],
        appointmentId: await this.appointmentFor(manager, client.id, template.kind, request),
        sessionAt,
        durationMinutes: request.durationMinutes,
        ...this.vault.sealContent(id, content),
      });
      await this.audit.record(
        { action: 'note.created', entityType: 'note', entityId: id, detail: { clientId } },
        manager,
      );
    });
    return this.reads.detail(actor, id, { audit: false });
  }

  async save(
    actor: AuthenticatedUser,
    noteId: string,
    request: SaveNoteRequest,
  ): Promise<NoteDetail> {
    const sessionAt = sessionTimeOrFail(request.sessionAt);
    // Autosave calls this every few seconds of typing: answer from what was just written rather
    // than reading and decrypting the note again (a draft has no addenda and no signature).
    // Written in the request's own transaction, without a savepoint: nothing here goes on after a
    // failure, and any error rolls the whole request back (the note and its audit row alike).
    const manager = this.db.manager;
    const { note, client, can } = await this.reads.load(actor, noteId, 'edit', {
      manager,
      lock: true,
    });
    await this.assertEditableDraft(actor, note, request.version, manager);
    assertContent(templateOrFail(note.templateCode), request.content);
    const changes = {
      sessionAt,
      durationMinutes: request.durationMinutes,
      serviceType: request.serviceType,
      cptCode: SERVICE_TYPE_CPT[request.serviceType],
      version: note.version + 1,
      ...this.vault.sealContent(note.id, request.content),
    };
    // A fixed statement: TypeORM's update builder spent nearly as long building it as sealing
    // the note takes.
    const [rows] = await manager.query<[{ updated_at: Date }[], number]>(
      `UPDATE session_notes
          SET session_at = $2, duration_minutes = $3, service_type = $4, cpt_code = $5,
              version = $6, content_key_id = $7, content_sealed = $8, updated_at = now()
        WHERE id = $1
    RETURNING updated_at`,
      [
        note.id,
        changes.sessionAt,
        changes.durationMinutes,
        changes.serviceType,
        changes.cptCode,
        changes.version,
        changes.contentKeyId,
        changes.contentSealed,
      ],
    );
    Object.assign(note, changes, { updatedAt: rows[0]?.updated_at ?? new Date() });
    await this.audit.record(
      {
        action: 'note.updated',
        entityType: 'note',
        entityId: note.id,
        detail: { version: note.version },
      },
      manager,
    );
    return toNoteDetail(
      {
        note,
        clientName: displayNameOf(client),
        content: request.content,
        integrity: 'unsigned',
        addenda: [],
        can,
      },
      actor.id,
    );
  }

  async sign(
    actor: AuthenticatedUser,
    noteId: string,
    version: number,
    password: string,
  ): Promise<NoteDetail> {
    // Who may sign is settled before the password is asked for, so a stranger learns nothing.
    await this.reads.load(actor, noteId, 'sign');
    await this.passwords.confirm(actor, password, 'note.signed');
    await this.db.transaction(async (manager) => {
      const { note } = await this.reads.load(actor, noteId, 'sign', { manager, lock: true });
      await this.assertEditableDraft(actor, note, version, manager);
      const content = this.vault.openContent(note);
      const template = templateOrFail(note.templateCode);
      const problems = signingProblems(template, content);
      if (problems.length > 0) throw new FieldValidationException(problems);
      await assertNoRiskDeniedOverOpenFlag(manager, note, template, content);
      const signedAt = new Date();
      const contentHash = hashOfNote(note, signedAt, content);
      await manager.update(
        SessionNote,
        { id: note.id },
        { status: 'signed', signedAt, contentHash, version: note.version + 1 },
      );
      await this.audit.record(
        { action: 'note.signed', entityType: 'note', entityId: note.id, detail: { contentHash } },
        manager,
      );
    });
    return this.reads.detail(actor, noteId, { audit: false });
  }

  async addAddendum(
    actor: AuthenticatedUser,
    noteId: string,
    text: string,
    password: string,
  ): Promise<NoteDetail> {
    const { note } = await this.reads.load(actor, noteId, 'amend');
    if (note.status !== 'signed') {
      throw new ConflictException('A draft is edited, not amended: addenda go under signed notes.');
    }
    await this.passwords.confirm(actor, password, 'note.amended');
    const id = randomUUID();
    const createdAt = new Date();
    await this.db.transaction(async (manager) => {
      await manager.insert(NoteAddendumRecord, {
        id,
        noteId,
        clinicId: note.clinicId,
        authorId: actor.id,
        createdAt,
        contentHash: addendumHash({ addendumId: id, noteId, authorId: actor.id, createdAt, text }),
        ...this.vault.sealAddendum(id, text),
      });
      await this.audit.record(
        {
          action: 'note.amended',
          entityType: 'note',
          entityId: noteId,
          detail: { addendumId: id },
        },
        manager,
      );
    });
    return this.reads.detail(actor, noteId, { audit: false });
  }

  /**
   * The appointment a new note documents: one of this client's (as the client or the partner in a
   * couples session), not cancelled, and without a note of the same kind already.
   */
  private async appointmentFor(
    manager: EntityManager,
    clientId: string,
    kind: NoteKind,
    request: CreateNoteRequest,
  ): Promise<string | null> {
    if (!request.appointmentId) return null;
    const appointment = await manager.findOneBy(Appointment, { id: request.appointmentId });
    const hasClient =
      appointment?.clientId === clientId || appointment?.partnerClientId === clientId;
    if (!appointment || !hasClient) {
      throw new FieldValidationException([
        { field: 'appointmentId', problems: ['This is not one of the client’s appointments.'] },
      ]);
    }
    if (appointment.status === 'cancelled') {
      throw new ConflictException('A cancelled appointment has no session to write a note for.');
    }
    const existing = await manager.existsBy(SessionNote, {
      appointmentId: appointment.id,
      clientId,
      kind,
    });
    if (existing) {
      throw new ConflictException(
        'This appointment already has a note for this client. Open it instead.',
      );
    }
    return appointment.id;
  }

  /** Signed notes never change (409); an edit based on an older version gets the current one. */
  private async assertEditableDraft(
    actor: AuthenticatedUser,
    note: SessionNote,
    version: number,
    manager: EntityManager,
  ): Promise<void> {
    if (note.status === 'signed') {
      throw new ConflictException(
        'This note is signed and can no longer change. Add an addendum instead.',
      );
    }
    if (note.version !== version) {
      throw new StaleVersionException(
        `This note was saved elsewhere (version ${note.version}; yours was ${version}). Reload it before saving again.`,
        await this.reads.detail(actor, note.id, { audit: false, manager }),
      );
    }
  }
}

function templateOrFail(code: string): NoteTemplate {
  const template = noteTemplate(code);
  if (!template) {
    throw new FieldValidationException([
      { field: 'templateCode', problems: [`There is no note template "${code}".`] },
    ]);
  }
  return template;
}

function assertContent(template: NoteTemplate, content: NoteContent): void {
  const problems = contentProblems(template, content);
  if (problems.length > 0) throw new FieldValidationException(problems);
}

function sessionTimeOrFail(value: string): Date {
  const sessionAt = new Date(value);
  if (sessionAt.getTime() - Date.now() > MAX_FUTURE_MS) {
    throw new FieldValidationException([
      { field: 'sessionAt', problems: ['A note documents a session that has taken place.'] },
    ]);
  }
  return sessionAt;
}
