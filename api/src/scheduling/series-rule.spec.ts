import { wallClockAt } from '@cairn/contracts';
import { occurrenceDates, occurrenceSpans, ruleText, type SeriesPattern } from './series-rule';

const chicago = (overrides: Partial<SeriesPattern> = {}): SeriesPattern => ({
  firstDate: '2026-10-06',
  localTime: '10:00',
  durationMinutes: 50,
  intervalWeeks: 3,
  count: 4,
  until: null,
  timeZone: 'America/Chicago',
  ...overrides,
});

describe('series rule', () => {
  it('keeps every 3rd week at 10:00 in Chicago across the November change', () => {
    const spans = occurrenceSpans(chicago());
    expect(spans.map((span) => new Date(span.start).toISOString())).toEqual([
      '2026-10-06T15:00:00.000Z', // CDT, UTC-5
      '2026-10-27T15:00:00.000Z',
      '2026-11-17T16:00:00.000Z', // CST, UTC-6: same wall clock, an hour later in UTC
      '2026-12-08T16:00:00.000Z',
    ]);
    for (const span of spans) {
      expect(wallClockAt(new Date(span.start), 'America/Chicago').time).toBe('10:00');
      expect(span.end - span.start).toBe(50 * 60_000);
    }
  });

  it('keeps the wall clock across the spring change too, and near midnight', () => {
    const spans = occurrenceSpans(
      chicago({ firstDate: '2027-03-01', localTime: '23:30', intervalWeeks: 2, count: 3 }),
    );
    expect(spans.map((span) => wallClockAt(new Date(span.start), 'America/Chicago'))).toEqual([
      expect.objectContaining({ date: '2027-03-01', time: '23:30' }),
      expect.objectContaining({ date: '2027-03-15', time: '23:30' }),
      expect.objectContaining({ date: '2027-03-29', time: '23:30' }),
    ]);
  });

  it('ends on the until date, inclusive', () => {
    expect(occurrenceDates(chicago({ count: null, until: '2026-11-17' }))).toEqual([
      '2026-10-06',
      '2026-10-27',
      '2026-11-17',
    ]);
  });

  it('stops expanding one past the longest series, however far the until date', () => {
    expect(
      occurrenceDates(chicago({ intervalWeeks: 1, count: null, until: '2036-01-01' })),
    ).toHaveLength(27);
  });

  it('writes the RFC 5545 rule', () => {
    expect(ruleText(chicago())).toBe('FREQ=WEEKLY;INTERVAL=3;COUNT=4');
    expect(ruleText(chicago({ count: null, until: '2026-12-08' }))).toBe(
      'FREQ=WEEKLY;INTERVAL=3;UNTIL=20261208T235900Z',
    );
  });
});
