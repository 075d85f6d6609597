import type { CaseloadAttention, RiskFlagView } from '@cairn/contracts';
import { groupAttention } from './attention-groups';

function none(): CaseloadAttention {
  return {
    openRiskFlags: [],
    overdueAssessments: [],
    lateNotes: [],
    deteriorating: [],
    lowAdherence: [],
    pendingSafetyReviews: [],
  };
}

function flag(
  clientId: string,
  clientName: string,
  over: Partial<RiskFlagView> = {},
): RiskFlagView {
  return {
    id: `flag-${Math.random()}`,
    assessmentId: `a-${clientId}`,
    clientId,
    clientName,
    instrumentCode: 'phq9',
    itemId: 'phq9_9',
    value: 2,
    message: 'Thoughts of self-harm reported',
    raisedAt: '2026-12-01T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    note: null,
    ...over,
  };
}

describe('groupAttention', () => {
  it('is empty when nothing needs attention', () => {
    expect(groupAttention(none())).toEqual([]);
  });

  it('ranks clients by their most pressing item: risk, deterioration, late note, overdue, follow-through', () => {
    const attention = none();
    attention.lowAdherence.push({ clientId: 'e', clientName: 'Eve', done: 1, expected: 6 });
    attention.overdueAssessments.push({
      id: 'o1',
      clientId: 'd',
      clientName: 'Dev',
      instrumentCode: 'gad7',
      instrumentVersion: '1',
      instrumentTitle: 'GAD-7',
      clientTitle: 'How worry has been',
      mode: 'portal',
      status: 'in_progress',
      dueOn: '2026-11-20',
      overdue: true,
      createdAt: '2026-11-13T00:00:00.000Z',
      completedAt: null,
      replacesId: null,
    });
    attention.lateNotes.push({
      id: 'n1',
      clientId: 'c',
      clientName: 'Cam',
      sessionAt: '2026-11-25T15:00:00.000Z',
      noteMissing: false,
      appointmentId: 'ap1',
    });
    attention.deteriorating.push({
      clientId: 'b',
      clientName: 'Bo',
      instrumentCode: 'phq9',
      instrumentTitle: 'PHQ-9',
      delta: 7,
    });
    attention.openRiskFlags.push(flag('a', 'Ana'));

    const groups = groupAttention(attention);
    expect(groups.map((group) => group.clientName)).toEqual(['Ana', 'Bo', 'Cam', 'Dev', 'Eve']);
    expect(groups.map((group) => group.top)).toEqual([
      'risk',
      'deterioration',
      'late_note',
      'overdue',
      'low_adherence',
    ]);
    // One action each, pointing where the matter is dealt with.
    expect(groups[0]?.items[0]?.action).toEqual({
      label: 'Review the answer',
      link: ['/therapist/clients', 'a', 'assessments', 'a-a'],
    });
    expect(groups[2]?.items[0]?.action.link).toEqual(['/therapist/notes', 'n1']);
  });

  it('puts all of one client’s items in one group, most pressing first', () => {
    const attention = none();
    attention.lowAdherence.push({ clientId: 'j', clientName: 'Jordan', done: 0, expected: 4 });
    attention.deteriorating.push({
      clientId: 'j',
      clientName: 'Jordan',
      instrumentCode: 'pcl5',
      instrumentTitle: 'PCL-5',
      delta: 12,
    });
    attention.openRiskFlags.push(flag('j', 'Jordan'));
    attention.lowAdherence.push({ clientId: 'r', clientName: 'Riley', done: 1, expected: 4 });

    const groups = groupAttention(attention);
    expect(groups).toHaveLength(2);
    expect(groups[0]?.clientName).toBe('Jordan');
    expect(groups[0]?.items.map((item) => item.kind)).toEqual([
      'risk',
      'deterioration',
      'low_adherence',
    ]);
    expect(groups[1]?.clientName).toBe('Riley');
  });

  it('folds repeats of one matter into one item, counted, with the earliest date', () => {
    const attention = none();
    attention.openRiskFlags.push(
      flag('j', 'Jordan', { id: 'f1', raisedAt: '2026-12-01T10:00:00.000Z' }),
      flag('j', 'Jordan', { id: 'f2', raisedAt: '2026-11-30T10:00:00.000Z' }),
      // Another questionnaire's flag is a different matter.
      flag('j', 'Jordan', { id: 'f3', assessmentId: 'other' }),
    );
    const [group] = groupAttention(attention);
    expect(group?.items).toHaveLength(2);
    const folded = group?.items.find((item) => item.count === 2);
    expect(folded?.at).toBe('2026-11-30T10:00:00.000Z');
  });

  it('breaks ties between equally pressing clients by how much waits, then by name', () => {
    const attention = none();
    attention.lowAdherence.push(
      { clientId: 'z', clientName: 'Zoe', done: 1, expected: 4 },
      { clientId: 'y', clientName: 'Yan', done: 1, expected: 4 },
    );
    attention.lateNotes.push({
      id: 'n2',
      clientId: 'x',
      clientName: 'Xia',
      sessionAt: '2026-11-25T15:00:00.000Z',
      noteMissing: true,
      appointmentId: 'ap2',
    });
    attention.lowAdherence.push({ clientId: 'x', clientName: 'Xia', done: 0, expected: 4 });
    attention.lateNotes.push({
      id: 'n3',
      clientId: 'w',
      clientName: 'Wren',
      sessionAt: '2026-11-26T15:00:00.000Z',
      noteMissing: false,
      appointmentId: 'ap3',
    });
    expect(groupAttention(attention).map((group) => group.clientName)).toEqual([
      'Xia',
      'Wren',
      'Yan',
      'Zoe',
    ]);
  });
});
