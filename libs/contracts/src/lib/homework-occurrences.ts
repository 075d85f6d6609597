import { addDays, dayNumber } from './dates';

/**
 * When homework is expected, as pure date arithmetic on calendar days (YYYY-MM-DD, in the
 * clinic's time zone). An assignment is cut into occurrences: every day (daily), every seven
 * days from the start (weekly, the last one shortened by the end date), or the whole span (once).
 * An entry completes one occurrence. Adherence is done ÷ expected, where an occurrence is
 * expected once it is done or its time has passed; the one still running is not held against
 * anyone. Shared by the API, the screens and the progress reports, so they cannot disagree.
 */

export type Frequency = 'once' | 'daily' | 'weekly';

export interface Schedule {
  frequency: Frequency;
  startsOn: string;
  endsOn: string;
  /** The clinic day the therapist closed the assignment; nothing after it is expected. */
  closedOn?: string | null;
}

export interface Occurrence {
  /** Its first day: the key an entry is filed under. */
  start: string;
  /** Its last day. */
  end: string;
}

export interface Adherence {
  done: number;
  expected: number;
  /** done ÷ expected, or null while nothing is expected yet. */
  rate: number | null;
}

export interface WeekAdherence extends Adherence {
  /** The Monday of the calendar week. */
  weekOf: string;
}

/** Every occurrence of an assignment, in order. */
export function occurrences(schedule: Schedule): Occurrence[] {
  const { frequency, startsOn, endsOn } = schedule;
  if (endsOn < startsOn) return [];
  if (frequency === 'once') return [{ start: startsOn, end: endsOn }];
  const step = frequency === 'daily' ? 1 : 7;
  const result: Occurrence[] = [];
  for (let start = startsOn; start <= endsOn; start = addDays(start, step)) {
    const last = addDays(start, step - 1);
    result.push({ start, end: last < endsOn ? last : endsOn });
  }
  return result;
}

/** The occurrence that covers a day, or null when the day is outside the assignment's dates. */
export function occurrenceOn(schedule: Schedule, date: string): Occurrence | null {
  if (date < schedule.startsOn || date > schedule.endsOn) return null;
  if (schedule.frequency === 'once') return { start: schedule.startsOn, end: schedule.endsOn };
  const step = schedule.frequency === 'daily' ? 1 : 7;
  const start = addDays(
    schedule.startsOn,
    Math.floor(daysBetween(schedule.startsOn, date) / step) * step,
  );
  const last = addDays(start, step - 1);
  return { start, end: last < schedule.endsOn ? last : schedule.endsOn };
}

/** The day from which nothing more is expected: today, or the closing day if that came first. */
function cutoff(schedule: Schedule, asOf: string): string {
  return schedule.closedOn && schedule.closedOn < asOf ? schedule.closedOn : asOf;
}

/** The occurrences that count by `asOf`: done ones, and those whose last day is before the cutoff. */
export function expectedOccurrences(
  schedule: Schedule,
  done: ReadonlySet<string>,
  asOf: string,
): Occurrence[] {
  const until = cutoff(schedule, asOf);
  return occurrences(schedule).filter((o) => done.has(o.start) || o.end < until);
}

/** Done and expected with their rate (null while nothing is expected). */
export function ratio(done: number, expected: number): Adherence {
  return { done, expected, rate: expected === 0 ? null : done / expected };
}

/** Done ÷ expected for one assignment by `asOf`. `doneOn` holds the occurrence starts with an entry. */
export function adherence(schedule: Schedule, doneOn: Iterable<string>, asOf: string): Adherence {
  const done = new Set(doneOn);
  const expected = expectedOccurrences(schedule, done, asOf);
  return ratio(expected.filter((o) => done.has(o.start)).length, expected.length);
}

/** Monday of the calendar week a day falls in. */
export function weekOf(date: string): string {
  const day = dayNumber(date);
  // Day 0, 1970-01-01, was a Thursday; weekday as getUTCDay counts it (Sunday 0).
  const weekday =
    day === null ? new Date(`${date}T00:00:00Z`).getUTCDay() : (((day + 4) % 7) + 7) % 7;
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * Adherence per calendar week (Monday to Sunday), each occurrence counted in the week it starts,
 * from the assignment's first week to the week of `asOf` (or its end), with empty weeks included.
 */
export function weeklyAdherence(
  schedule: Schedule,
  doneOn: Iterable<string>,
  asOf: string,
): WeekAdherence[] {
  const done = new Set(doneOn);
  const expected = expectedOccurrences(schedule, done, asOf);
  const lastDay = [schedule.endsOn, cutoff(schedule, asOf)].sort()[0] ?? schedule.endsOn;
  // Grouped once: filtering every occurrence for every week made years of daily homework slow.
  const byWeek = new Map<string, Occurrence[]>();
  for (const occurrence of expected) {
    const week = weekOf(occurrence.start);
    byWeek.set(week, [...(byWeek.get(week) ?? []), occurrence]);
  }
  const weeks: WeekAdherence[] = [];
  for (let monday = weekOf(schedule.startsOn); monday <= lastDay; monday = addDays(monday, 7)) {
    const inWeek = byWeek.get(monday) ?? [];
    weeks.push({
      weekOf: monday,
      ...ratio(inWeek.filter((o) => done.has(o.start)).length, inWeek.length),
    });
  }
  return weeks;
}

/** Occurrences whose time has passed without an entry (before `asOf`, up to any closing day). */
export function missedOccurrences(
  schedule: Schedule,
  doneOn: Iterable<string>,
  asOf: string,
): Occurrence[] {
  const done = new Set(doneOn);
  return expectedOccurrences(schedule, done, asOf).filter((o) => !done.has(o.start));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [start, end] = [dayNumber(from), dayNumber(to)];
  if (start !== null && end !== null) return end - start;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
