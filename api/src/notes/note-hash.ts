import type { NoteContent } from '@cairn/contracts';
import { createHash } from 'node:crypto';

/** What a signature covers: the whole record of the session, not only its text. */
export interface SignedNoteFacts {
  noteId: string;
  clientId: string;
  authorId: string;
  kind: string;
  templateCode: string;
  serviceType: string;
  cptCode: string | null;
  sessionAt: Date;
  durationMinutes: number;
  signedAt: Date;
  content: NoteContent;
}

export interface AddendumFacts {
  addendumId: string;
  noteId: string;
  authorId: string;
  createdAt: Date;
  text: string;
}

/** SHA-256 (hex) of a signed note. Stable whatever order the content's fields were saved in. */
export function signedNoteHash(facts: SignedNoteFacts): string {
  return sha256(
    canonicalJson({
      ...facts,
      sessionAt: facts.sessionAt.toISOString(),
      signedAt: facts.signedAt.toISOString(),
    }),
  );
}

export function addendumHash(facts: AddendumFacts): string {
  return sha256(canonicalJson({ ...facts, createdAt: facts.createdAt.toISOString() }));
}

/** The hash of a stored note as signed at `signedAt` with this (decrypted) content. */
export function hashOfNote(
  note: {
    id: string;
    clientId: string;
    authorId: string;
    kind: string;
    templateCode: string;
    serviceType: string;
    cptCode: string | null;
    sessionAt: Date;
    durationMinutes: number;
  },
  signedAt: Date,
  content: NoteContent,
): string {
  return signedNoteHash({
    noteId: note.id,
    clientId: note.clientId,
    authorId: note.authorId,
    kind: note.kind,
    templateCode: note.templateCode,
    serviceType: note.serviceType,
    cptCode: note.cptCode,
    sessionAt: note.sessionAt,
    durationMinutes: note.durationMinutes,
    signedAt,
    content,
  });
}

/** JSON with object keys sorted at every depth, so equal records always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
