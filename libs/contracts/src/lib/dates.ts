/** Today's date in a time zone, as YYYY-MM-DD: a clinic's "today", not the server's or the browser's. */
export function todayIn(timeZone: string | undefined, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** A wall-clock time in a time zone, as `YYYY-MM-DDTHH:mm` (what a datetime-local input holds). */
export function wallClockIn(timeZone: string | undefined, instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

/**
 * The instant a wall-clock time (`YYYY-MM-DDTHH:mm`) names in a time zone. In the hour skipped
 * when clocks go forward, the time is read with the offset from before the change (02:30 becomes
 * 03:30); in the hour repeated when they go back, the first of the two is meant.
 */
export function instantAt(wallClock: string, timeZone: string | undefined): Date {
  const asUtc = Date.parse(`${wallClock}:00Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`Not a wall-clock time: ${wallClock}`);
  const offsetAt = (instant: number) =>
    Date.parse(`${wallClockIn(timeZone, new Date(instant))}:00Z`) - instant;
  const before = offsetAt(asUtc - 12 * 60 * 60 * 1000);
  const candidate = asUtc - before;
  const after = offsetAt(candidate);
  if (after === before) return new Date(candidate);
  // The zone changed offset in between: the later offset fits unless the time fell in the gap.
  const withAfter = asUtc - after;
  return new Date(offsetAt(withAfter) === after ? withAfter : candidate);
}
