import type { HomeworkAssignment, MeasureSeries, RiskFlagView } from '@cairn/contracts';
import {
  attendanceSummary,
  checkInsInRange,
  homeworkInRange,
  riskSummary,
  seriesInRange,
  trustComparison,
} from './progress-maths';

const tz = 'America/Chicago';
const range = { from: '2026-10-01', to: '2026-10-31' };

function series(code: string, points: [string, number, string | null][]): MeasureSeries {
  return {
    instrumentCode: code,
    title: code,
    clinicalAid: false,
    minTotal: 0,
    maxTotal: 27,
    bands: [],
    cutoffs: [],
    reliableChangePoints: 6,
    meaningfulChangePoints: 5,
    thresholdCitations: [],
    points: points.map(([completedAt, total, reliable]) => ({
      assessmentId: completedAt,
      completedAt,
      total,
      severity: null,
      subscales: [{ id: 'a', label: 'A', score: total / 10 }],
      fromBaseline: reliable
        ? { delta: 0, reliable: reliable as 'improvement', meaningful: null }
        : null,
      fromPrevious: null,
    })),
  };
}

const week = (weekOf: string, done: number, expected: number) => ({
  weekOf,
  done,
  expected,
  rate: expected ? done / expected : null,
});

describe('progress maths', () => {
  it('keeps the scores of the period, judged from the first score ever', () => {
    const phq = series('PHQ-9', [
      ['2026-09-02T15:00:00Z', 17, null],
      ['2026-10-01T04:30:00Z', 14, null], // 23:30 on 30 September in Chicago: before the period
      ['2026-10-28T15:00:00Z', 9, 'improvement'],
    ]);
    const [inPeriod] = seriesInRange([phq], range, tz);
    expect(inPeriod?.points.map((point) => point.total)).toEqual([9]);
    expect(inPeriod?.points[0]?.fromBaseline?.reliable).toBe('improvement');
    expect(seriesInRange([phq], { from: '2026-11-01', to: '2026-11-30' }, tz)).toEqual([]);
  });

  it('compares Trust Patterns at intake with the latest of the period, not with itself', () => {
    const tpi = series('TPI', [
      ['2026-09-02T15:00:00Z', 30, null],
      ['2026-10-10T15:00:00Z', 25, null],
      ['2026-10-28T15:00:00Z', 20, null],
    ]);
    const comparison = trustComparison(tpi, range, tz);
    expect(comparison?.baseline?.subscales[0]?.score).toBe(3);
    expect(comparison?.latest?.subscales[0]?.score).toBe(2);
    const onlyBaseline = trustComparison(tpi, { from: '2026-09-01', to: '2026-09-30' }, tz);
    expect(onlyBaseline?.latest).toBeNull();
    expect(trustComparison(undefined, range, tz)).toBeNull();
  });

  it('adds homework up per week across assignments, whole weeks only in the period', () => {
    const assignment = (title: string, weeks: ReturnType<typeof week>[]) =>
      ({ title, frequency: 'daily', weeks }) as unknown as HomeworkAssignment;
    const result = homeworkInRange(
      [
        assignment('Check-in', [
          week('2026-09-21', 7, 7),
          week('2026-09-28', 5, 7),
          week('2026-10-05', 6, 7),
        ]),
        assignment('Journal', [week('2026-09-28', 1, 1), week('2026-10-05', 0, 1)]),
      ],
      range,
    );
    // The week of 28 September holds 1 October, so it counts; the week before does not.
    expect(result.weeks).toEqual([week('2026-09-28', 6, 8), week('2026-10-05', 6, 8)]);
    expect([result.done, result.expected, result.rate]).toEqual([12, 16, 0.75]);
    expect(result.assignments).toEqual([
      { title: 'Check-in', frequency: 'daily', done: 11, expected: 14 },
      { title: 'Journal', frequency: 'daily', done: 1, expected: 2 },
    ]);
    expect(homeworkInRange([], range)).toEqual({
      done: 0,
      expected: 0,
      rate: null,
      weeks: [],
      assignments: [],
    });
  });

  it('counts attendance against what the client could have attended', () => {
    const summary = attendanceSummary([
      { status: 'completed', lateCancellation: false },
      { status: 'completed', lateCancellation: false },
      { status: 'completed', lateCancellation: false },
      { status: 'cancelled', lateCancellation: false },
      { status: 'cancelled', lateCancellation: true },
      { status: 'no_show', lateCancellation: false },
      { status: 'scheduled', lateCancellation: false },
    ]);
    expect(summary).toEqual({
      completed: 3,
      cancelled: 1,
      lateCancelled: 1,
      noShow: 1,
      attendanceRate: 0.6,
    });
    expect(attendanceSummary([]).attendanceRate).toBeNull();
  });

  it('keeps the risk flags and check-ins of the period only', () => {
    const flag = (raisedAt: string, acknowledgedAt: string | null) =>
      ({ instrumentCode: 'PHQ-9', message: 'Item 9', raisedAt, acknowledgedAt }) as RiskFlagView;
    const risk = riskSummary(
      [
        flag('2026-10-20T15:00:00Z', null),
        flag('2026-10-03T15:00:00Z', '2026-10-03T16:00:00Z'),
        flag('2026-09-03T15:00:00Z', null),
      ],
      range,
      tz,
    );
    expect([risk.raised, risk.acknowledged]).toEqual([2, 1]);
    expect(risk.flags.map((item) => item.raisedAt)).toEqual([
      '2026-10-03T15:00:00Z',
      '2026-10-20T15:00:00Z',
    ]);
    expect(
      checkInsInRange(
        [
          { date: '2026-10-02', feltSafety: 4, promisesKept: 1 },
          { date: '2026-09-30', feltSafety: 2, promisesKept: 0 },
          { date: '2026-10-01', feltSafety: 3, promisesKept: 0.5 },
        ],
        range,
      ).map((point) => point.date),
    ).toEqual(['2026-10-01', '2026-10-02']);
  });
});
