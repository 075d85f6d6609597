import { dateTicks, ticks } from './pdf-charts';

describe('chart axes', () => {
  it('puts gridlines on round values', () => {
    expect(ticks(0, 27)).toEqual([0, 10, 20]);
    expect(ticks(0, 80)).toEqual([0, 20, 40, 60, 80]);
    expect(ticks(0, 4)).toEqual([0, 1, 2, 3, 4]);
    expect(ticks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('spreads at most six dates across the period, ends included', () => {
    const dates = dateTicks('2026-01-01', '2026-12-31');
    expect(dates).toHaveLength(6);
    expect(dates[0]).toBe('2026-01-01');
    expect(dates[5]).toBe('2026-12-31');
    expect(dateTicks('2026-11-20', '2026-11-20')).toEqual(['2026-11-20', '2026-11-20']);
  });
});
