import { ageOn } from './age';

describe('ageOn', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageOn('1990-11-22', '2026-11-22')).toBe(36);
    expect(ageOn('1990-11-23', '2026-11-22')).toBe(35);
  });

  it('handles a leap-day birthday in a common year as not yet had until March', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
