import { addDays, instantAt, todayIn, wallClockIn } from './dates';

describe('dates', () => {
  it("gives the clinic's date, not the machine's", () => {
    const lateEveningInChicago = new Date('2026-11-23T03:30:00Z');
    expect(todayIn('America/Chicago', lateEveningInChicago)).toBe('2026-11-22');
    expect(todayIn('UTC', lateEveningInChicago)).toBe('2026-11-23');
  });

  it('moves a date across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-26', 7)).toBe('2026-12-03');
    expect(addDays('2026-12-29', 14)).toBe('2027-01-12');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2026-03-08', -7)).toBe('2026-03-01');
  });

  it('reads and writes wall-clock times in the clinic time zone, across daylight-saving changes', () => {
    const chicago = 'America/Chicago';
    expect(instantAt('2026-11-20T15:00', chicago).toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(instantAt('2026-07-20T15:00', chicago).toISOString()).toBe('2026-07-20T20:00:00.000Z');
    expect(wallClockIn(chicago, new Date('2026-11-20T21:00:00Z'))).toBe('2026-11-20T15:00');
    // 2026-03-08 02:30 does not exist in Chicago: read with the offset before the change.
    expect(instantAt('2026-03-08T02:30', chicago).toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(instantAt('2026-03-08T03:30', chicago).toISOString()).toBe('2026-03-08T08:30:00.000Z');
    // 2026-11-01 01:30 happens twice: the first (CDT) is meant.
    expect(instantAt('2026-11-01T01:30', chicago).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    expect(instantAt('2026-11-01T03:00', chicago).toISOString()).toBe('2026-11-01T09:00:00.000Z');
    for (const wallClock of ['2026-01-31T23:59', '2026-06-15T00:00', '2026-12-31T12:00']) {
      expect(wallClockIn(chicago, instantAt(wallClock, chicago))).toBe(wallClock);
    }
  });
});
