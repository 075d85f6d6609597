import {
  serviceTypeForAppointment,
  type AppointmentView,
  type CreateNoteRequest,
  type NoteListItem,
  type NoteSummary,
} from '@cairn/contracts';

function isSessionNote(note: NoteSummary | NoteListItem): note is NoteListItem {
  // A private psychotherapy note for the same session does not count: the session note is owed.
  return note.kind === 'progress' && 'appointmentId' in note && note.appointmentId !== null;
}

/** Appointment id → client id → id of the session note that documents it. */
export function notesByAppointment(
  notes: (NoteSummary | NoteListItem)[],
): Record<string, Record<string, string>> {
  const found: Record<string, Record<string, string>> = {};
  for (const note of notes) {
    if (!isSessionNote(note) || !note.appointmentId) continue;
    const forAppointment = (found[note.appointmentId] ??= {});
    forAppointment[note.clientId] ??= note.id;
  }
  return found;
}

/** Client id → the session note of one appointment. */
export function notesByClient(
  appointmentId: string,
  notes: (NoteSummary | NoteListItem)[],
): Record<string, string> {
  return notesByAppointment(notes)[appointmentId] ?? {};
}

/** The draft a held appointment's note starts as, prefilled from the appointment. */
export function noteRequestFor(item: AppointmentView): CreateNoteRequest {
  const minutes = Math.round((Date.parse(item.end) - Date.parse(item.start)) / 60_000);
  return {
    templateCode: item.kind === 'intake' ? 'intake' : 'bt_progress',
    sessionAt: item.start,
    durationMinutes: minutes,
    serviceType: serviceTypeForAppointment(item.kind, minutes),
    appointmentId: item.id,
  };
}
