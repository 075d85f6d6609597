import type { AppointmentView, NoteListItem, NoteSummary } from '@cairn/contracts';
import { noteRequestFor, notesByAppointment, notesByClient } from './notes-by-appointment';

function note(over: Partial<NoteListItem>): NoteListItem {
  return {
    id: 'n',
    clientId: 'c1',
    kind: 'progress',
    sessionAt: '2026-12-01T16:00:00.000Z',
    author: { id: 't', displayName: 'Dr. Maya Okafor' },
    status: 'draft',
    late: false,
    signedAt: null,
    templateCode: 'bt_progress',
    serviceType: 'individual_45',
    durationMinutes: 50,
    addendumCount: 0,
    mine: true,
    appointmentId: null,
    ...over,
  };
}

describe('notes by appointment', () => {
  it('finds the session note of each client of an appointment', () => {
    const notes = [
      note({ id: 'n1', clientId: 'jordan', appointmentId: 'a1' }),
      note({ id: 'n2', clientId: 'alex', appointmentId: 'a1' }),
      note({ id: 'n3', clientId: 'jordan', appointmentId: 'a2' }),
      note({ id: 'n4', clientId: 'jordan', appointmentId: null }),
    ];
    expect(notesByAppointment(notes)).toEqual({
      a1: { jordan: 'n1', alex: 'n2' },
      a2: { jordan: 'n3' },
    });
    expect(notesByClient('a1', notes)).toEqual({ jordan: 'n1', alex: 'n2' });
    expect(notesByClient('a9', notes)).toEqual({});
  });

  it('does not count a private psychotherapy note, or a summary without the appointment', () => {
    const summary: NoteSummary = {
      id: 's1',
      clientId: 'jordan',
      kind: 'progress',
      sessionAt: '2026-12-01T16:00:00.000Z',
      author: { id: 't', displayName: 'Dr. Maya Okafor' },
      status: 'signed',
      late: false,
      signedAt: '2026-12-01T17:00:00.000Z',
    };
    const notes = [note({ id: 'p1', kind: 'psychotherapy', appointmentId: 'a1' }), summary];
    expect(notesByClient('a1', notes)).toEqual({});
  });

  it('starts a held appointment’s note from its times and kind', () => {
    const appointment = {
      id: 'a1',
      kind: 'session',
      start: '2026-12-01T16:00:00.000Z',
      end: '2026-12-01T16:53:00.000Z',
    } as AppointmentView;
    expect(noteRequestFor(appointment)).toMatchObject({
      templateCode: 'bt_progress',
      sessionAt: '2026-12-01T16:00:00.000Z',
      durationMinutes: 53,
      appointmentId: 'a1',
    });
  });
});
