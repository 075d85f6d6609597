import { yearsBefore } from './retention-period';

describe('yearsBefore', () => {
  it('counts whole calendar years back', () => {
    expect(yearsBefore('2026-12-01', 7)).toBe('2019-12-01');
    expect(yearsBefore('2026-01-31', 6)).toBe('2020-01-31');
  });

  it('takes 29 February to 28 February in a year without one, and keeps it in a leap year', () => {
    expect(yearsBefore('2028-02-29', 7)).toBe('2021-02-28');
    expect(yearsBefore('2028-02-29', 8)).toBe('2020-02-29');
  });
});
