import fc from 'fast-check';
import { addDays, dateOfDayNumber, dayNumber, todayIn } from './dates';
import { daysBetween, weekOf } from './homework-occurrences';

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
});

/** The Date-based forms the integer arithmetic replaced, as the reference it must agree with. */
const byDate = {
  addDays(date: string, days: number): string {
    const moved = new Date(`${date}T00:00:00Z`);
    moved.setUTCDate(moved.getUTCDate() + days);
    return moved.toISOString().slice(0, 10);
  },
  weekOf(date: string): string {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return byDate.addDays(date, -((weekday + 6) % 7));
  },
};

describe('calendar arithmetic without Date', () => {
  const anyDate = fc
    .date({
      min: new Date('0100-01-01T00:00:00Z'),
      max: new Date('9899-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10));

  it('moves any date by any number of days exactly as the calendar does', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -36_500, max: 36_500 }), (date, days) => {
        expect(addDays(date, days)).toBe(byDate.addDays(date, days));
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
      { numRuns: 5_000 },
    );
  });

  it('finds the Monday of any week', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(weekOf(date)).toBe(byDate.weekOf(date));
      }),
      { numRuns: 2_000 },
    );
  });

  it('round-trips day numbers, with 1970-01-01 as day 0', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dateOfDayNumber(dayNumber('2028-02-29') ?? Number.NaN)).toBe('2028-02-29');
  });

  it('takes only real calendar dates; anything else goes the way Date goes', () => {
    for (const invalid of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-01', 'tomorrow']) {
      expect(dayNumber(invalid)).toBeNull();
    }
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError);
  });
});
