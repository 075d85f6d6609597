import type {
  HomeworkAssignment,
  MeasureSeries,
  NoteContent,
  NoteKind,
  NoteListItem,
  NoteSummary,
} from '@cairn/contracts';

/**
 * The note signed before this one, of the same kind: a progress note follows on from the last
 * progress note; a private psychotherapy note from the author's own last one (the list never
 * holds anyone else's). Someone else's signed progress notes count: the client is shared care.
 */
export function previousSignedNote(
  notes: readonly (NoteSummary | NoteListItem)[],
  current: { id: string; kind: NoteKind; sessionAt: string },
): NoteSummary | null {
  return (
    notes
      .filter(
        (note) =>
          note.id !== current.id &&
          note.kind === current.kind &&
          note.status === 'signed' &&
          // A private note only ever for its author (the server already lists no one else's).
          (note.kind === 'progress' || ('mine' in note && note.mine)) &&
          note.sessionAt <= current.sessionAt,
      )
      .sort((a, b) => b.sessionAt.localeCompare(a.sessionAt))[0] ?? null
  );
}

/** The plan a note left, in the words of its template: "Plan", or an intake's goals. */
export function planOf(content: NoteContent): { label: string; text: string }[] {
  const fields: [string, string][] = [
    ['plan', 'Plan'],
    ['homeworkAssigned', 'Homework assigned'],
    ['goals', 'Treatment goals'],
    ['recommendations', 'Recommendations'],
  ];
  return fields.flatMap(([key, label]) => {
    const value = content[key];
    return typeof value === 'string' && value.trim() ? [{ label, text: value.trim() }] : [];
  });
}

/** Homework open today: started, not yet ended, not closed by the therapist. */
export function homeworkDue(
  assignments: readonly HomeworkAssignment[],
  today: string,
): HomeworkAssignment[] {
  return assignments.filter(
    (assignment) =>
      !assignment.closedOn && assignment.startsOn <= today && assignment.endsOn >= today,
  );
}

export interface LatestScore {
  instrumentCode: string;
  title: string;
  total: number;
  maxTotal: number | null;
  band: string | null;
  completedAt: string;
}

/** Each instrument's most recent scored result, the most recent first. */
export function latestScores(measures: readonly MeasureSeries[]): LatestScore[] {
  return measures
    .flatMap((measure) => {
      const point = [...measure.points].reverse().find((candidate) => candidate.total !== null);
      return point && point.total !== null
        ? [
            {
              instrumentCode: measure.instrumentCode,
              title: measure.title,
              total: point.total,
              maxTotal: measure.maxTotal,
              band: point.severity?.label ?? null,
              completedAt: point.completedAt,
            },
          ]
        : [];
    })
    .sort((a, b) => b.completedAt.localeCompare(a.completedAt));
}
