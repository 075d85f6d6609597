import { describeSpan, isOverlapViolation, seriesSpans } from './booking-rules';

const TZ = 'America/Chicago';
const isoOf = (ms: number) => new Date(ms).toISOString();

describe('booking helpers', () => {
  it('keeps a weekly series at 10:00 on the wall across the spring change', () => {
    const start = new Date('2027-03-01T16:00:00Z'); // Monday 10:00 CST
    const spans = seriesSpans(
      start,
      new Date('2027-03-01T16:50:00Z'),
      { frequency: 'weekly', count: 3 },
      TZ,
    );
    expect(spans.map((span) => isoOf(span.start))).toEqual([
      '2027-03-01T16:00:00.000Z',
      '2027-03-08T16:00:00.000Z',
      '2027-03-15T15:00:00.000Z', // 10:00 CDT
    ]);
    expect(spans.every((span) => span.end - span.start === 50 * 60_000)).toBe(true);
  });

  it('spaces a fortnightly series two weeks apart, across the autumn change', () => {
    const start = new Date('2027-10-25T15:00:00Z'); // Monday 10:00 CDT
    const spans = seriesSpans(
      start,
      new Date('2027-10-25T16:00:00Z'),
      { frequency: 'fortnightly', count: 2 },
      TZ,
    );
    expect(spans.map((span) => isoOf(span.start))).toEqual([
      '2027-10-25T15:00:00.000Z',
      '2027-11-08T16:00:00.000Z', // 10:00 CST
    ]);
  });

  it('books one appointment when no series is asked for', () => {
    const start = new Date('2027-01-04T16:00:00Z');
    expect(seriesSpans(start, new Date('2027-01-04T17:00:00Z'), null, TZ)).toHaveLength(1);
  });

  it("names a time in the clinic's zone", () => {
    expect(
      describeSpan(new Date('2027-03-15T15:00:00Z'), new Date('2027-03-15T15:50:00Z'), TZ),
    ).toBe('Mon, Mar 15, 2027, 10:00–10:50');
  });

  it('names each time in its own clinic’s zone, one after another', () => {
    const start = new Date('2027-03-15T23:30:00Z');
    const end = new Date('2027-03-16T00:20:00Z');
    expect(describeSpan(start, end, 'Asia/Tokyo')).toBe('Tue, Mar 16, 2027, 08:30–09:20');
    expect(describeSpan(start, end, TZ)).toBe('Mon, Mar 15, 2027, 18:30–19:20');
    expect(describeSpan(start, end, 'Asia/Tokyo')).toBe('Tue, Mar 16, 2027, 08:30–09:20');
    // A one-digit day and the year's last month, as Intl's en-US day format writes them.
    expect(
      describeSpan(new Date('2027-12-05T15:00:00Z'), new Date('2027-12-05T15:50:00Z'), TZ),
    ).toBe('Sun, Dec 5, 2027, 09:00–09:50');
  });

  it('recognises only the overlap constraint as a double-booking', () => {
    expect(isOverlapViolation({ code: '23P01', constraint: 'appointments_no_overlap' })).toBe(true);
    expect(isOverlapViolation({ code: '23505', constraint: 'appointments_no_overlap' })).toBe(
      false,
    );
    expect(isOverlapViolation({ code: '23P01', constraint: 'something_else' })).toBe(false);
    expect(isOverlapViolation(null)).toBe(false);
  });
});
