import type { NoteKind } from '@cairn/contracts';
import { relationTo, type Actor, type ClientFacts } from '../policy/client-access.policy';

export interface NoteFacts {
  authorId: string;
  kind: NoteKind;
}

export const NOTE_ACTIONS = ['knowExists', 'read', 'edit', 'sign', 'addAddendum'] as const;
export type NoteAction = (typeof NOTE_ACTIONS)[number];

/** How the caller stands to one note. */
export type NoteRelation =
  'author' | 'treating-therapist' | 'clinic-admin' | 'the-client' | 'no-relation';

export function noteRelationOf(actor: Actor, note: NoteFacts, client: ClientFacts): NoteRelation {
  const toClient = relationTo(actor, client);
  if (toClient === 'other-clinic') return 'no-relation';
  if (actor.role === 'therapist' && note.authorId === actor.id) return 'author';
  switch (toClient) {
    case 'treating-therapist':
      return 'treating-therapist';
    case 'clinic-admin':
      return 'clinic-admin';
    case 'the-client':
      return 'the-client';
    case 'other-therapist':
    case 'another-client':
      return 'no-relation';
  }
}

/**
 * The note policy as two tables. Progress notes are part of the record: the author and the
 * client's current therapist read them, an admin knows they exist (to chase late ones), and a
 * client never learns of them. Psychotherapy notes are the author's alone: nobody else even learns
 * they exist. Only the author edits, signs and amends.
 */
export const NOTE_PERMISSIONS: Record<NoteKind, Record<NoteRelation, readonly NoteAction[]>> = {
  progress: {
    author: ['knowExists', 'read', 'edit', 'sign', 'addAddendum'],
    'treating-therapist': ['knowExists', 'read'],
    'clinic-admin': ['knowExists'],
    'the-client': [],
    'no-relation': [],
  },
  psychotherapy: {
    author: ['knowExists', 'read', 'edit', 'sign', 'addAddendum'],
    'treating-therapist': [],
    'clinic-admin': [],
    'the-client': [],
    'no-relation': [],
  },
};

export function mayOnNote(
  actor: Actor,
  action: NoteAction,
  note: NoteFacts,
  client: ClientFacts,
): boolean {
  return NOTE_PERMISSIONS[note.kind][noteRelationOf(actor, note, client)].includes(action);
}
