import {
  instantAt,
  isTimeZone,
  offsetMinutesAt,
  wallClockAt,
  wallClockIn,
  zonedTimeToInstant,
} from './zoned-time';

const chicago = 'America/Chicago';
const iso = (date: Date) => date.toISOString();

describe('zoned time', () => {
  it('reads the wall clock and the offset in a zone', () => {
    const instant = new Date('2026-11-23T15:30:00Z');
    expect(wallClockAt(instant, chicago)).toEqual({
      date: '2026-11-23',
      time: '09:30',
      weekday: 1,
      minutes: 570,
    });
    expect(offsetMinutesAt(instant, chicago)).toBe(-360);
    expect(offsetMinutesAt(new Date('2026-07-01T12:00:00Z'), chicago)).toBe(-300);
  });

  it('turns clinic hours into instants on both sides of the spring change (8 March 2026)', () => {
    expect(iso(zonedTimeToInstant('2026-03-07', '09:00', chicago))).toBe(
      '2026-03-07T15:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-03-08', '01:59', chicago))).toBe(
      '2026-03-08T07:59:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-03-08', '03:00', chicago))).toBe(
      '2026-03-08T08:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-03-08', '09:00', chicago))).toBe(
      '2026-03-08T14:00:00.000Z',
    );
  });

  it('moves a time the spring change skips forward, as a wall clock does', () => {
    expect(iso(zonedTimeToInstant('2026-03-08', '02:30', chicago))).toBe(
      '2026-03-08T08:30:00.000Z',
    );
  });

  it('takes the first occurrence of the hour the autumn change repeats (1 November 2026)', () => {
    expect(iso(zonedTimeToInstant('2026-10-31', '09:00', chicago))).toBe(
      '2026-10-31T14:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-11-01', '01:30', chicago))).toBe(
      '2026-11-01T06:30:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-11-01', '09:00', chicago))).toBe(
      '2026-11-01T15:00:00.000Z',
    );
  });

  it('works east of Greenwich and in zones with half-hour offsets', () => {
    expect(iso(zonedTimeToInstant('2026-06-01', '09:00', 'Europe/Berlin'))).toBe(
      '2026-06-01T07:00:00.000Z',
    );
    expect(iso(zonedTimeToInstant('2026-06-01', '09:00', 'Asia/Kolkata'))).toBe(
      '2026-06-01T03:30:00.000Z',
    );
  });

  it('knows an IANA zone from a made-up one', () => {
    expect(isTimeZone('America/Chicago')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it('reads and writes datetime-local values in the clinic time zone, across both changes', () => {
    const chicago = 'America/Chicago';
    expect(instantAt('2026-11-20T15:00', chicago).toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(wallClockIn(chicago, new Date('2026-11-20T21:00:00Z'))).toBe('2026-11-20T15:00');
    expect(instantAt('2026-03-08T02:30', chicago).toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(instantAt('2026-11-01T01:30', chicago).toISOString()).toBe('2026-11-01T06:30:00.000Z');
    for (const wallClock of ['2026-01-31T23:59', '2026-06-15T00:00', '2026-12-31T12:00']) {
      expect(wallClockIn(chicago, instantAt(wallClock, chicago))).toBe(wallClock);
    }
  });
});
