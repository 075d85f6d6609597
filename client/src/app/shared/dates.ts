/**
 * Cairn's date formats, one per context, so the same moment reads the same on every page. The
 * pipes (`clinicTime`, `calendarDay`) are thin wrappers over these pure functions.
 *
 * - `dateTime` "Dec 2, 2026, 10:00 AM": a moment in a list or a record
 * - `date` "Dec 2, 2026": the day something happened
 * - `time` "10:00 AM": inside a day that is already named
 * - `dayTime` "Wed, Dec 2, 10:00 AM": a coming appointment, where the weekday matters
 * - `timeRange` via {@link formatTimeRange} "10:00–10:50 AM"
 */
export const INSTANT_FORMATS = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  dayTime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type InstantFormat = keyof typeof INSTANT_FORMATS;

const LOCALE = 'en-US';

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant in the clinic's time zone ("" for nothing, the input back if unreadable). */
export function formatInstant(
  value: string | Date | null | undefined,
  format: InstantFormat,
  timeZone?: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(LOCALE, { ...INSTANT_FORMATS[format], timeZone }).format(date);
}

/** "10:00–10:50 AM" (one meridiem when both ends share it), in the clinic's zone. */
export function formatTimeRange(
  start: string | Date,
  end: string | Date,
  timeZone?: string,
): string {
  const from = toDate(start);
  const to = toDate(end);
  if (!from || !to) return '';
  return new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit', timeZone })
    .formatRange(from, to)
    .replace(/[\s\u2009]*–[\s\u2009]*/g, '–')
    .replace(/[\u2009\u202f]/g, ' ');
}

const CALENDAR_DAY = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * A calendar day (YYYY-MM-DD, already the clinic's day) in words: "Sun, Dec 6". Read as UTC so
 * no time zone moves it to the day before.
 */
export function formatCalendarDay(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : CALENDAR_DAY.format(date);
}

const CALENDAR_DATE = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A calendar day with its year, "Dec 6, 2026": the same words as the `date` format of an
 * instant, for days that may lie in another year (a birth date, an intake date, a timeline
 * event). Never the bare "2026-12-06" the API sends.
 */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : CALENDAR_DATE.format(date);
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** "Today", "Tomorrow", or the day in words, for a day relative to the clinic's today. */
export function relativeDay(day: string, today: string): string {
  if (day === today) return 'Today';
  if (day === nextDay(today)) return 'Tomorrow';
  return formatCalendarDay(day);
}
