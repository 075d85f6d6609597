import {
  addDays,
  wallClockAt,
  zonedTimeToInstant,
  type AvailabilityException,
  type WeeklyHours,
} from '@cairn/contracts';

/** A half-open span of time [start, end) in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

export interface AvailabilityRules {
  weekly: readonly WeeklyHours[];
  exceptions: readonly AvailabilityException[];
}

function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** An HH:MM on a date as an instant; 24:00 is the next day's midnight. */
function instantOf(date: string, time: string, timeZone: string): number {
  return time === '24:00'
    ? zonedTimeToInstant(addDays(date, 1), '00:00', timeZone).getTime()
    : zonedTimeToInstant(date, time, timeZone).getTime();
}

/** Sorted, overlapping or touching spans joined into one. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans]
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** `spans` with every part covered by `holes` removed. */
export function subtractSpans(spans: readonly Span[], holes: readonly Span[]): Span[] {
  let result = mergeSpans(spans);
  for (const hole of holes) {
    result = result.flatMap((span) => {
      if (hole.end <= span.start || hole.start >= span.end) return [span];
      const pieces: Span[] = [];
      if (hole.start > span.start) pieces.push({ start: span.start, end: hole.start });
      if (hole.end < span.end) pieces.push({ start: hole.end, end: span.end });
      return pieces;
    });
  }
  return result;
}

/**
 * The therapist's working time between two instants: weekly hours of each local date in the
 * clinic's zone, plus extra blocks, minus time off. Each date's hours are turned into instants on
 * that date, so 09:00 stays 09:00 on the wall on both sides of a daylight-saving change.
 */
export function workingSpans(
  rules: AvailabilityRules,
  timeZone: string,
  from: Date,
  to: Date,
): Span[] {
  const open: Span[] = [];
  const closed: Span[] = [];
  const lastDate = wallClockAt(to, timeZone).date;
  // Start a day early: a late block of the previous local date may reach into the range.
  for (
    let date = addDays(wallClockAt(from, timeZone).date, -1);
    date <= lastDate;
    date = addDays(date, 1)
  ) {
    const exceptions = rules.exceptions.filter((exception) => exception.date === date);
    const dayOff = exceptions.some(
      (exception) => exception.kind === 'time_off' && !exception.start,
    );
    if (!dayOff) {
      for (const block of rules.weekly.filter((hours) => hours.weekday === isoWeekday(date)))
        open.push({
          start: instantOf(date, block.start, timeZone),
          end: instantOf(date, block.end, timeZone),
        });
    }
    for (const exception of exceptions) {
      if (!exception.start || !exception.end) continue;
      const span = {
        start: instantOf(date, exception.start, timeZone),
        end: instantOf(date, exception.end, timeZone),
      };
      (exception.kind === 'extra_hours' ? open : closed).push(span);
    }
  }
  const clip = { start: from.getTime(), end: to.getTime() };
  return subtractSpans(open, closed)
    .map((span) => ({ start: Math.max(span.start, clip.start), end: Math.min(span.end, clip.end) }))
    .filter((span) => span.end > span.start);
}

/** Whether [start, end) lies wholly inside the working time. */
export function withinSpans(working: readonly Span[], start: number, end: number): boolean {
  return mergeSpans(working).some((span) => span.start <= start && end <= span.end);
}

export interface SlotOptions {
  durationMinutes: number;
  stepMinutes: number;
  /** Nothing starts before this instant. */
  notBefore: number;
}

/** Bookable starts: every step from each block's start where the whole duration is free. */
export function freeStarts(
  working: readonly Span[],
  busy: readonly Span[],
  options: SlotOptions,
): Span[] {
  const duration = options.durationMinutes * 60_000;
  const step = options.stepMinutes * 60_000;
  const slots: Span[] = [];
  for (const span of mergeSpans(working)) {
    for (let start = span.start; start + duration <= span.end; start += step) {
      const end = start + duration;
      if (start < options.notBefore) continue;
      if (busy.some((taken) => taken.start < end && start < taken.end)) continue;
      slots.push({ start, end });
    }
  }
  return slots;
}
