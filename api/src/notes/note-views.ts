import {
  NOTE_LATE_AFTER_HOURS,
  type AuthorRef,
  type NoteAddendum,
  type NoteContent,
  type NoteDetail,
  type NoteListItem,
  type NoteSummary,
  type NoteTemplateCode,
} from '@cairn/contracts';
import type { SessionNote } from './entities/session-note.entity';

const LATE_AFTER_MS = NOTE_LATE_AFTER_HOURS * 60 * 60 * 1000;

/** A progress note still unsigned 72 hours after its session is late. Process notes never are. */
export function isLate(
  note: Pick<SessionNote, 'kind' | 'status' | 'sessionAt'>,
  now = new Date(),
): boolean {
  return (
    note.kind === 'progress' &&
    note.status === 'draft' &&
    now.getTime() - note.sessionAt.getTime() > LATE_AFTER_MS
  );
}

export function authorRef(note: SessionNote): AuthorRef {
  return { id: note.authorId, displayName: note.author?.displayName ?? '' };
}

export function toNoteSummary(note: SessionNote, now = new Date()): NoteSummary {
  return {
    id: note.id,
    clientId: note.clientId,
    kind: note.kind,
    sessionAt: note.sessionAt.toISOString(),
    author: authorRef(note),
    status: note.status,
    late: isLate(note, now),
    signedAt: note.signedAt?.toISOString() ?? null,
  };
}

export function toNoteListItem(
  note: SessionNote,
  viewerId: string,
  addendumCount: number,
  now = new Date(),
): NoteListItem {
  return {
    ...toNoteSummary(note, now),
    templateCode: note.templateCode as NoteTemplateCode,
    serviceType: note.serviceType,
    durationMinutes: note.durationMinutes,
    addendumCount,
    mine: note.authorId === viewerId,
    appointmentId: note.appointmentId,
  };
}

export interface OpenedNote {
  note: SessionNote;
  clientName: string;
  content: NoteContent;
  integrity: NoteDetail['integrity'];
  addenda: NoteAddendum[];
  can: NoteDetail['can'];
}

export function toNoteDetail(opened: OpenedNote, viewerId: string): NoteDetail {
  const { note } = opened;
  return {
    ...toNoteListItem(note, viewerId, opened.addenda.length),
    clientName: opened.clientName,
    cptCode: note.cptCode,
    content: opened.content,
    version: note.version,
    updatedAt: note.updatedAt.toISOString(),
    contentHash: note.contentHash,
    integrity: opened.integrity,
    addenda: opened.addenda,
    can: opened.can,
  };
}
