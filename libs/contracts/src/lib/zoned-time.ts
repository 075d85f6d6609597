/**
 * Wall-clock time in an IANA time zone, with nothing but `Intl`: the clinic's hours ("Mondays
 * 09:00–17:00 in America/Chicago") turned into instants and back, correct across daylight saving.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `timeZone` is an IANA zone this runtime knows (e.g. America/Chicago). */
export function isTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAY_NUMBERS: Record<string, number> = {
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
  Sun: 7,
};

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The wall clock in `timeZone` at an instant. */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const hour = Number(parts['hour']);
  const minute = Number(parts['minute']);
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    time: `${parts['hour']}:${parts['minute']}`,
    weekday: WEEKDAY_NUMBERS[parts['weekday'] ?? ''] ?? 0,
    minutes: hour * 60 + minute,
  };
}

/** The zone's offset from UTC at an instant, in minutes (Chicago in winter: -360). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const clock = wallClockAt(instant, timeZone);
  const seconds = instant.getUTCSeconds();
  const asUtc = Date.parse(`${clock.date}T${clock.time}:${String(seconds).padStart(2, '0')}Z`);
  return Math.round((asUtc - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by the spring change (02:30 on
 * the day clocks jump from 02:00 to 03:00) moves forward by the gap, as a clock on the wall
 * would; a time that happens twice in the autumn takes the first (daylight) occurrence.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const before = offsetMinutesAt(new Date(naive - 86_400_000), timeZone);
  const after = offsetMinutesAt(new Date(naive + 86_400_000), timeZone);
  // The larger offset first: it is the earlier instant, the first occurrence of a repeated hour.
  for (const offset of [Math.max(before, after), Math.min(before, after)]) {
    const instant = new Date(naive - offset * 60_000);
    const clock = wallClockAt(instant, timeZone);
    if (clock.time === time && clock.date === date) return instant;
  }
  // In the spring gap: read the time on the offset before the jump, which lands after it.
  return new Date(naive - before * 60_000);
}

/** Minutes of a HH:MM time since midnight. */
export function minutesOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** HH:MM of minutes since midnight (24:00 for the end of the day). */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A wall-clock time as a datetime-local input holds it: `YYYY-MM-DDTHH:mm`. */
export function wallClockIn(timeZone: string | undefined, instant: Date): string {
  const clock = wallClockAt(instant, timeZone ?? 'UTC');
  return `${clock.date}T${clock.time}`;
}

/** The instant a datetime-local value (`YYYY-MM-DDTHH:mm`) names in a time zone. */
export function instantAt(wallClock: string, timeZone: string | undefined): Date {
  const [date = '', time = ''] = wallClock.split('T');
  return zonedTimeToInstant(date, time, timeZone ?? 'UTC');
}
