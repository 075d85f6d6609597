import { MAX_SERIES_LENGTH, zonedTimeToInstant } from '@cairn/contracts';
import { RRule } from 'rrule';
import type { Span } from './availability-windows';

/** A series as booked: every N weeks from a first date, at one wall-clock time in a zone. */
export interface SeriesPattern {
  /** YYYY-MM-DD in `timeZone`. */
  firstDate: string;
  /** HH:MM in `timeZone`. */
  localTime: string;
  durationMinutes: number;
  intervalWeeks: number;
  count: number | null;
  /** YYYY-MM-DD: the last date an occurrence may fall on. */
  until: string | null;
  timeZone: string;
}

/**
 * rrule is given the wall clock as if it were UTC (a "floating" time): its own TZID support
 * leans on the host's zone and shifts the hour across a daylight-saving change. Expanding in
 * floating time and reading each date and time in the clinic's zone with the app's own helper
 * keeps 10:00 at 10:00 on both sides of the change.
 */
function floating(date: string, time: string): Date {
  return new Date(`${date}T${time}:00Z`);
}

function ruleOf(pattern: SeriesPattern): RRule {
  return new RRule({
    freq: RRule.WEEKLY,
    interval: pattern.intervalWeeks,
    dtstart: floating(pattern.firstDate, pattern.localTime),
    ...(pattern.count !== null
      ? { count: pattern.count }
      : { until: floating(pattern.until ?? pattern.firstDate, '23:59') }),
  });
}

/** The RFC 5545 RRULE of a pattern (dates and times read in its zone), for display and export. */
export function ruleText(pattern: SeriesPattern): string {
  return ruleOf(pattern)
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('RRULE:'))
    .map((line) => line.slice('RRULE:'.length))
    .join('');
}

/** The local dates (YYYY-MM-DD) of a pattern's occurrences; at most one past the longest series. */
export function occurrenceDates(pattern: SeriesPattern): string[] {
  return ruleOf(pattern)
    .all((_, index) => index <= MAX_SERIES_LENGTH)
    .map((date) => date.toISOString().slice(0, 10));
}

/** The occurrences as instants: each date at the pattern's wall-clock time in its zone. */
export function occurrenceSpans(pattern: SeriesPattern): Span[] {
  const duration = pattern.durationMinutes * 60_000;
  return occurrenceDates(pattern).map((date) => {
    const start = zonedTimeToInstant(date, pattern.localTime, pattern.timeZone).getTime();
    return { start, end: start + duration };
  });
}
