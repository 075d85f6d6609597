import type { HomeworkAssignment, MeasureSeries, NoteListItem } from '@cairn/contracts';
import { homeworkDue, latestScores, planOf, previousSignedNote } from './note-context';

const note = (id: string, sessionAt: string, extra: Partial<NoteListItem> = {}) =>
  ({ id, sessionAt, kind: 'progress', status: 'signed', mine: true, ...extra }) as NoteListItem;

describe('the context beside a draft note', () => {
  const current = { id: 'now', kind: 'progress' as const, sessionAt: '2026-11-20T15:00:00Z' };

  it('takes the latest signed note of the same kind before this session', () => {
    const list = [
      note('later', '2026-11-27T15:00:00Z'),
      note('draft', '2026-11-19T15:00:00Z', { status: 'draft' }),
      note('private', '2026-11-18T15:00:00Z', { kind: 'psychotherapy' }),
      note('now', '2026-11-20T15:00:00Z'),
      note('older', '2026-11-06T15:00:00Z'),
      note('last', '2026-11-13T15:00:00Z', { mine: false }),
    ];
    expect(previousSignedNote(list, current)?.id).toBe('last');
    expect(previousSignedNote([note('now', current.sessionAt)], current)).toBeNull();
  });

  it('never offers someone else’s psychotherapy note, only the author’s own', () => {
    const theirs = note('theirs', '2026-11-13T15:00:00Z', { kind: 'psychotherapy', mine: false });
    const own = note('own', '2026-11-06T15:00:00Z', { kind: 'psychotherapy' });
    const privateDraft = { ...current, kind: 'psychotherapy' as const };
    expect(previousSignedNote([theirs, own], privateDraft)?.id).toBe('own');
    expect(previousSignedNote([theirs], privateDraft)).toBeNull();
  });

  it('reads the plan in each template’s words, and nothing when none was written', () => {
    expect(planOf({ plan: ' Continue body check-ins. ', focus: 'x' })).toEqual([
      { label: 'Plan', text: 'Continue body check-ins.' },
    ]);
    expect(planOf({ goals: 'Sleep through the night', recommendations: '' })).toEqual([
      { label: 'Treatment goals', text: 'Sleep through the night' },
    ]);
    expect(planOf({ plan: '   ' })).toEqual([]);
  });

  it('lists homework open today, not closed, ended or not yet started', () => {
    const item = (id: string, startsOn: string, endsOn: string, closedOn: string | null = null) =>
      ({ id, startsOn, endsOn, closedOn }) as HomeworkAssignment;
    const due = homeworkDue(
      [
        item('open', '2026-11-01', '2026-11-30'),
        item('ends-today', '2026-11-01', '2026-11-20'),
        item('closed', '2026-11-01', '2026-11-30', '2026-11-10'),
        item('ended', '2026-10-01', '2026-10-31'),
        item('future', '2026-11-21', '2026-11-30'),
      ],
      '2026-11-20',
    );
    expect(due.map((assignment) => assignment.id)).toEqual(['open', 'ends-today']);
  });

  it('gives each measure’s latest scored result with its band, newest first', () => {
    const series = (code: string, points: { completedAt: string; total: number | null }[]) =>
      ({
        instrumentCode: code,
        title: code,
        maxTotal: 27,
        points: points.map((point) => ({
          ...point,
          severity: point.total === null ? null : { label: `band ${point.total}`, level: 1 },
        })),
      }) as unknown as MeasureSeries;
    expect(
      latestScores([
        series('PHQ-9', [
          { completedAt: '2026-10-01T15:00:00Z', total: 14 },
          { completedAt: '2026-11-01T15:00:00Z', total: 9 },
          { completedAt: '2026-11-08T15:00:00Z', total: null },
        ]),
        series('GAD-7', [{ completedAt: '2026-11-05T15:00:00Z', total: 6 }]),
        series('PCL-5', []),
      ]),
    ).toEqual([
      {
        instrumentCode: 'GAD-7',
        title: 'GAD-7',
        total: 6,
        maxTotal: 27,
        band: 'band 6',
        completedAt: '2026-11-05T15:00:00Z',
      },
      {
        instrumentCode: 'PHQ-9',
        title: 'PHQ-9',
        total: 9,
        maxTotal: 27,
        band: 'band 9',
        completedAt: '2026-11-01T15:00:00Z',
      },
    ]);
  });
});
