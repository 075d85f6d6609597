import type { Role } from '@cairn/contracts';
import type { Actor, ClientFacts } from '../policy/client-access.policy';
import { mayOnNote, NOTE_ACTIONS, type NoteAction, type NoteFacts } from './note-access.policy';

const clinic = 'clinic-1';
const client: ClientFacts = {
  clinicId: clinic,
  primaryTherapistId: 'therapist-now',
  portalUserId: 'client-user',
};
const actor = (id: string, role: Role, clinicId = clinic): Actor => ({ id, role, clinicId });

const author = actor('author', 'therapist');
const treating = actor('therapist-now', 'therapist');
const colleague = actor('colleague', 'therapist');
const admin = actor('admin', 'admin');
const theClient = actor('client-user', 'client');
const otherClinicAuthor = actor('author', 'therapist', 'clinic-2');
const otherClinicAdmin = actor('admin-2', 'admin', 'clinic-2');

const all = NOTE_ACTIONS;
const allowed = (who: Actor, note: NoteFacts): NoteAction[] =>
  all.filter((action) => mayOnNote(who, action, note, client));

describe('note access policy', () => {
  const progress: NoteFacts = { authorId: 'author', kind: 'progress' };
  const psychotherapy: NoteFacts = { authorId: 'author', kind: 'psychotherapy' };

  it.each([
    ['the author', author, [...all]],
    ['the client’s current therapist', treating, ['knowExists', 'read']],
    ['a clinic admin', admin, ['knowExists']],
    ['another therapist', colleague, []],
    ['the client', theClient, []],
    ['the author’s namesake in another clinic', otherClinicAuthor, []],
    ['an admin of another clinic', otherClinicAdmin, []],
  ])('progress note: %s may %j', (_, who, expected) => {
    expect(allowed(who, progress)).toEqual(expected);
  });

  it.each([
    ['the author', author, [...all]],
    ['the client’s current therapist', treating, []],
    ['a clinic admin', admin, []],
    ['the client', theClient, []],
  ])('psychotherapy note: %s may %j', (_, who, expected) => {
    expect(allowed(who, psychotherapy)).toEqual(expected);
  });

  it('a note the current therapist wrote themselves is theirs to edit', () => {
    const own: NoteFacts = { authorId: 'therapist-now', kind: 'progress' };
    expect(allowed(treating, own)).toEqual([...all]);
  });
});
