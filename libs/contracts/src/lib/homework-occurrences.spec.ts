import {
  adherence,
  daysBetween,
  missedOccurrences,
  occurrenceOn,
  occurrences,
  weekOf,
  weeklyAdherence,
  type Schedule,
} from './homework-occurrences';

// 2026-11-02 is a Monday.
const daily: Schedule = { frequency: 'daily', startsOn: '2026-11-04', endsOn: '2026-11-17' };
const weekly: Schedule = { frequency: 'weekly', startsOn: '2026-11-04', endsOn: '2026-11-20' };
const once: Schedule = { frequency: 'once', startsOn: '2026-11-04', endsOn: '2026-11-10' };

describe('homework occurrences', () => {
  it('cuts a daily assignment into one occurrence per day, both ends included', () => {
    const all = occurrences(daily);
    expect(all).toHaveLength(14);
    expect(all[0]).toEqual({ start: '2026-11-04', end: '2026-11-04' });
    expect(all[13]).toEqual({ start: '2026-11-17', end: '2026-11-17' });
  });

  it('cuts a weekly assignment into seven-day spans from its start, the last one shortened', () => {
    expect(occurrences(weekly)).toEqual([
      { start: '2026-11-04', end: '2026-11-10' },
      { start: '2026-11-11', end: '2026-11-17' },
      { start: '2026-11-18', end: '2026-11-20' },
    ]);
  });

  it('gives a one-off assignment one occurrence spanning start to due date', () => {
    expect(occurrences(once)).toEqual([{ start: '2026-11-04', end: '2026-11-10' }]);
  });

  it('finds the occurrence covering a day, and none outside the dates', () => {
    expect(occurrenceOn(weekly, '2026-11-13')).toEqual({ start: '2026-11-11', end: '2026-11-17' });
    expect(occurrenceOn(weekly, '2026-11-19')).toEqual({ start: '2026-11-18', end: '2026-11-20' });
    expect(occurrenceOn(daily, '2026-11-09')).toEqual({ start: '2026-11-09', end: '2026-11-09' });
    expect(occurrenceOn(once, '2026-11-07')).toEqual({ start: '2026-11-04', end: '2026-11-10' });
    expect(occurrenceOn(daily, '2026-11-03')).toBeNull();
    expect(occurrenceOn(daily, '2026-11-18')).toBeNull();
  });

  it('crosses month, year and daylight-saving boundaries by calendar days', () => {
    const span: Schedule = { frequency: 'daily', startsOn: '2026-10-30', endsOn: '2027-01-02' };
    expect(occurrences(span)).toHaveLength(65);
    expect(daysBetween('2026-10-30', '2027-01-02')).toBe(64);
    expect(occurrenceOn({ ...span, frequency: 'weekly' }, '2026-11-06')?.start).toBe('2026-11-06');
  });

  it('does not hold the day still running against the client', () => {
    // As of the 7th: the 4th, 5th and 6th have passed; the 7th is today.
    expect(adherence(daily, ['2026-11-04', '2026-11-06'], '2026-11-07')).toEqual({
      done: 2,
      expected: 3,
      rate: 2 / 3,
    });
    // Done today counts at once.
    expect(adherence(daily, ['2026-11-04', '2026-11-06', '2026-11-07'], '2026-11-07')).toEqual({
      done: 3,
      expected: 4,
      rate: 0.75,
    });
  });

  it('expects nothing before the start, and every occurrence after the end', () => {
    expect(adherence(daily, [], '2026-11-01')).toEqual({ done: 0, expected: 0, rate: null });
    expect(adherence(daily, ['2026-11-05'], '2026-12-31')).toEqual({
      done: 1,
      expected: 14,
      rate: 1 / 14,
    });
    expect(adherence(once, [], '2026-11-10')).toEqual({ done: 0, expected: 0, rate: null });
    expect(adherence(once, [], '2026-11-11')).toEqual({ done: 0, expected: 1, rate: 0 });
    expect(adherence(once, ['2026-11-04'], '2026-11-05')).toEqual({
      done: 1,
      expected: 1,
      rate: 1,
    });
  });

  it('expects nothing after the day the assignment was closed', () => {
    const closed: Schedule = { ...daily, closedOn: '2026-11-08' };
    // The 4th to the 7th passed before closing; the 8th (closing day) and later are not expected.
    expect(adherence(closed, ['2026-11-04'], '2026-11-30')).toEqual({
      done: 1,
      expected: 4,
      rate: 0.25,
    });
  });

  it('counts per calendar week, Monday to Sunday, including weeks with nothing done', () => {
    const weeks = weeklyAdherence(
      daily,
      ['2026-11-04', '2026-11-05', '2026-11-10', '2026-11-16'],
      '2026-11-17',
    );
    expect(weeks).toEqual([
      // Wed 4 to Sun 8: five days.
      { weekOf: '2026-11-02', done: 2, expected: 5, rate: 0.4 },
      { weekOf: '2026-11-09', done: 1, expected: 7, rate: 1 / 7 },
      // Mon 16 done, Tue 17 (today) not yet expected.
      { weekOf: '2026-11-16', done: 1, expected: 1, rate: 1 },
    ]);
    const total = adherence(
      daily,
      ['2026-11-04', '2026-11-05', '2026-11-10', '2026-11-16'],
      '2026-11-17',
    );
    expect(weeks.reduce((sum, week) => sum + week.expected, 0)).toBe(total.expected);
    expect(weeks.reduce((sum, week) => sum + week.done, 0)).toBe(total.done);
  });

  it('files a weekly occurrence under the week it starts in', () => {
    expect(weeklyAdherence(weekly, ['2026-11-11'], '2026-11-25')).toEqual([
      { weekOf: '2026-11-02', done: 0, expected: 1, rate: 0 },
      { weekOf: '2026-11-09', done: 1, expected: 1, rate: 1 },
      { weekOf: '2026-11-16', done: 0, expected: 1, rate: 0 },
    ]);
  });

  it('lists missed occurrences, never the one still running', () => {
    expect(missedOccurrences(weekly, ['2026-11-04'], '2026-11-19')).toEqual([
      { start: '2026-11-11', end: '2026-11-17' },
    ]);
  });

  it('knows the Monday of any week', () => {
    expect(weekOf('2026-11-02')).toBe('2026-11-02');
    expect(weekOf('2026-11-08')).toBe('2026-11-02');
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
  });
});
