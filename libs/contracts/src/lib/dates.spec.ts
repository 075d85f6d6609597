import { addDays, todayIn } from './dates';

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
