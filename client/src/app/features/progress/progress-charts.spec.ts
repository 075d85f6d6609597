import type { ClientProgress, MeasureSeries } from '@cairn/contracts';
import {
  adherenceBars,
  adherenceSummary,
  checkInSummary,
  measureSummary,
  measureReferenceLines,
  measureSeries,
  positionInRange,
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

  it('places events across the period, clamped to its ends', () => {
    const range = { from: '2026-01-01', to: '2026-12-31' };
    expect(Math.round(positionInRange('2026-07-02', range))).toBe(50);
    expect(positionInRange('2025-06-01', range)).toBe(0);
    expect(positionInRange('2027-06-01', range)).toBe(100);
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
    expect(adherenceSummary(progress)).toBe('Homework: 2 weeks, from 50% to 100% done.');
    expect(checkInSummary(progress)).toBe('Felt safety (0–10): Jordan 5 to 7 over 2 check-ins.');
  });
});
