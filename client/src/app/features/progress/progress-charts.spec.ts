import {
  TIMELINE_EVENT_LABELS,
  type ClientProgress,
  type MeasureSeries,
  type TimelineEvent,
} from '@cairn/contracts';
import {
  adherenceBars,
  adherenceSummary,
  checkInSummary,
  measureSummary,
  measureReferenceLines,
  measureSeries,
  chartMarkers,
  chartSpan,
  periodSpan,
  weekMarkers,
} from './progress-charts';

const phq = {
  title: 'PHQ-9',
  minTotal: 0,
  cutoffs: [{ score: 10, label: 'At or above 10' }],
  bands: [
    { min: 0, max: 4, label: 'Minimal', level: 0 },
    { min: 5, max: 9, label: 'Mild', level: 1 },
    { min: 10, max: 14, label: 'Moderate', level: 2 },
  ],
  points: [
    { completedAt: '2026-09-02T15:00:00Z', total: 17 },
    { completedAt: '2026-09-30T15:00:00Z', total: null },
  ],
} as unknown as MeasureSeries;

describe('progress charts', () => {
  it('draws each cut-off once and each band edge above the floor', () => {
    expect(measureReferenceLines(phq)).toEqual([
      { name: 'Cut-off 10', value: 10 },
      { name: 'Mild', value: 5 },
    ]);
  });

  it('leaves out unscored points instead of drawing them at zero', () => {
    expect(measureSeries(phq)[0]?.series).toEqual([
      { name: new Date('2026-09-02T15:00:00Z'), value: 17 },
    ]);
  });

  it('shows weekly homework as whole percentages, an empty week as 0', () => {
    const progress = {
      homework: {
        weeks: [
          { weekOf: '2026-11-02', done: 2, expected: 3, rate: 2 / 3 },
          { weekOf: '2026-11-09', done: 0, expected: 0, rate: null },
        ],
      },
    } as unknown as ClientProgress;
    expect(adherenceBars(progress)).toEqual([
      { name: '2026-11-02', value: 67 },
      { name: '2026-11-09', value: 0 },
    ]);
  });

  const sixMonths = { from: '2026-06-01', to: '2026-12-01' };
  const day = (date: string) => Date.parse(`${date}T12:00:00`);
  const line = (...dates: string[]) => [
    { name: 'Felt safety', series: dates.map((date) => ({ name: new Date(day(date)), value: 5 })) },
  ];

  it('gives three weeks of check-ins their own axis, not the right edge of six months', () => {
    const span = chartSpan(line('2026-11-10', '2026-11-20', '2026-12-01'), sixMonths);
    const width = span.max - span.min;
    // The data fills most of the chart: a little room either side, clamped at the period's end.
    expect((day('2026-12-01') - day('2026-11-10')) / width).toBeGreaterThan(0.9);
    expect(span.min).toBeLessThan(day('2026-11-10'));
    expect(span.min).toBeGreaterThan(day('2026-11-08'));
    expect(span.max).toBe(periodSpan(sixMonths).max);
  });

  it('keeps a chart at least two weeks wide, and shows the period when there is nothing', () => {
    const one = chartSpan(line('2026-09-15'), sixMonths);
    expect(one.max - one.min).toBeGreaterThanOrEqual(14 * 24 * 60 * 60 * 1000);
    expect(one.min).toBeLessThan(day('2026-09-15'));
    expect(one.max).toBeGreaterThan(day('2026-09-15'));
    expect(chartSpan([{ name: 'x', series: [] }], sixMonths)).toEqual(periodSpan(sixMonths));
  });

  const event = (
    id: string,
    occurredOn: string,
    kind: TimelineEvent['kind'],
    label: string | null = null,
  ) => ({ id, kind, label, occurredOn, note: null }) as TimelineEvent;

  it('labels the events inside a chart, leaves out those outside, and staggers crowded labels', () => {
    const span = { min: day('2026-11-01'), max: day('2026-12-01') };
    const markers = chartMarkers(
      [
        event('a', '2026-11-02', 'formal_disclosure'),
        event('b', '2026-11-04', 'other', 'Moved back into the family home together'),
        event('c', '2026-11-25', 'separation', 'Trial separation'),
        event('d', '2026-06-01', 'discovery'),
      ],
      span,
      TIMELINE_EVENT_LABELS,
    );
    expect(markers.map((marker) => marker.label)).toEqual([
      'Formal disclosure',
      'Moved back into the fam…',
      'Separation',
    ]);
    expect(markers.map((marker) => marker.row)).toEqual([0, 1, 0]);
    expect(markers[2]?.title).toBe('2026-11-25 · Separation: Trial separation');
    expect(markers[2]?.at).toBeCloseTo(24 / 30, 2);
  });

  it('places events on the weekly homework bars in their own week, at their weekday', () => {
    // Four bars, the week of the 16th missing (nothing was due then).
    const weeks = ['2026-11-02', '2026-11-09', '2026-11-23', '2026-11-30'];
    const markers = weekMarkers(
      [
        event('sunday-after', '2026-12-07', 'discovery'),
        event('sunday', '2026-12-06', 'other', 'Moved back into the family home together'),
        event('gap', '2026-11-18', 'separation', 'Trial separation'),
        event('wednesday', '2026-11-04', 'formal_disclosure'),
        event('before', '2026-11-01', 'discovery'),
      ],
      weeks,
      TIMELINE_EVENT_LABELS,
    );
    expect(markers.map((marker) => marker.id)).toEqual(['wednesday', 'gap', 'sunday']);
    expect(markers.map((marker) => marker.label)).toEqual([
      'Formal disclosure',
      'Separation',
      'Moved back into the fam…',
    ]);
    // Across four slots: Wednesday is the middle of the first slot's third day; the event in the
    // week without a bar is on the seam between the second and third bars; Sunday is the end of
    // the last slot.
    expect(markers[0]?.at).toBeCloseTo(2.5 / 7 / 4, 5);
    expect(markers[1]?.at).toBe(0.5);
    expect(markers[2]?.at).toBeCloseTo((3 + 6.5 / 7) / 4, 5);
    expect(markers[1]?.title).toBe('2026-11-18 · Separation: Trial separation');
    expect(weekMarkers([event('a', '2026-11-04', 'discovery')], [], TIMELINE_EVENT_LABELS)).toEqual(
      [],
    );
  });

  it('staggers crowded labels on the weekly bars too', () => {
    const markers = weekMarkers(
      [event('a', '2026-11-02', 'discovery'), event('b', '2026-11-03', 'formal_disclosure')],
      ['2026-11-02', '2026-11-09'],
      TIMELINE_EVENT_LABELS,
    );
    expect(markers.map((marker) => marker.row)).toEqual([0, 1]);
  });

  it('sums a score chart up in one line for screen readers', () => {
    expect(measureSummary(phq)).toBe('PHQ-9: one score, 17.');
    const three = {
      ...phq,
      points: [
        { completedAt: '2026-09-02T15:00:00Z', total: 17 },
        { completedAt: '2026-09-30T15:00:00Z', total: null },
        { completedAt: '2026-10-28T15:00:00Z', total: 9 },
      ],
    } as unknown as MeasureSeries;
    expect(measureSummary(three)).toBe('PHQ-9: 2 scores, first 17, latest 9 (8 lower).');
    expect(measureSummary({ ...phq, points: [] })).toBe('PHQ-9: no scores in this period.');
  });

  it('sums homework and check-ins up in one line', () => {
    const progress = {
      homework: {
        done: 3,
        expected: 4,
        rate: 0.75,
        weeks: [
          { weekOf: '2026-11-02', done: 1, expected: 2, rate: 0.5 },
          { weekOf: '2026-11-09', done: 2, expected: 2, rate: 1 },
        ],
      },
      checkIns: [
        {
          name: 'Jordan',
          points: [
            { date: '2026-11-02', feltSafety: 5 },
            { date: '2026-11-03', feltSafety: null },
            { date: '2026-11-04', feltSafety: 7 },
          ],
        },
      ],
    } as unknown as ClientProgress;
    expect(adherenceSummary(progress)).toBe(
      'Homework: 3 of 4 done over 2 weeks (75%); weekly 50% to 100%, latest 100%.',
    );
    expect(checkInSummary(progress)).toBe('Felt safety (0–10): Jordan 5 to 7 over 2 check-ins.');
  });

  it('says a dip between two full weeks, and leaves weeks with nothing due out of the range', () => {
    const week = (weekOf: string, done: number, expected: number) => ({
      weekOf,
      done,
      expected,
      rate: expected === 0 ? null : done / expected,
    });
    const summary = (weeks: ReturnType<typeof week>[]) => {
      const done = weeks.reduce((sum, w) => sum + w.done, 0);
      const expected = weeks.reduce((sum, w) => sum + w.expected, 0);
      const homework = { done, expected, rate: expected === 0 ? null : done / expected, weeks };
      return adherenceSummary({ homework } as unknown as ClientProgress);
    };
    expect(
      summary([week('2026-11-02', 2, 2), week('2026-11-09', 0, 2), week('2026-11-16', 2, 2)]),
    ).toBe('Homework: 4 of 6 done over 3 weeks (67%); weekly 0% to 100%, latest 100%.');
    expect(
      summary([week('2026-11-02', 2, 2), week('2026-11-09', 0, 0), week('2026-11-16', 1, 1)]),
    ).toBe('Homework: 3 of 3 done over 3 weeks (100%); every week 100%.');
    expect(summary([week('2026-11-02', 0, 0), week('2026-11-09', 1, 2)])).toBe(
      'Homework: 1 of 2 done over 2 weeks (50%).',
    );
    expect(summary([week('2026-11-02', 0, 0)])).toBe('Homework: nothing was due in this period.');
  });
});
