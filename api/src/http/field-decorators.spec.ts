import { isCalendarDate, latestToday } from './field-decorators';

describe('calendar dates', () => {
  it.each(['2026-01-31', '2024-02-29', '1990-12-01'])('accepts the real day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '26-01-01',
    '2026-1-5',
    '2026-01-01T00:00:00Z',
    20260101,
  ])('refuses %s', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('counts today as today wherever the clinic is (the latest date on Earth)', () => {
    expect(latestToday(new Date('2026-11-22T11:00:00Z'))).toBe('2026-11-23');
    expect(latestToday(new Date('2026-11-22T09:00:00Z'))).toBe('2026-11-22');
  });
});
