import type { TherapistAvailability } from '@cairn/contracts';

/** A stretch of one day, in minutes after midnight in the clinic's zone. */
export interface DayBlock {
  start: number;
  end: number;
}

const toMinutes = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/**
 * The hours a therapist works on one date, for shading the week grid: the weekly hours of that
 * weekday, less time off (the whole day when it has no times), plus extra hours on that date.
 */
export function workingBlocks(availability: TherapistAvailability, date: string): DayBlock[] {
  const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const exceptions = availability.exceptions.filter((exception) => exception.date === date);
  let blocks: DayBlock[] = availability.weekly
    .filter((hours) => hours.weekday === weekday)
    .map((hours) => ({ start: toMinutes(hours.start), end: toMinutes(hours.end) }));
  for (const off of exceptions.filter((exception) => exception.kind === 'time_off')) {
    if (!off.start || !off.end) return extras();
    const [offStart, offEnd] = [toMinutes(off.start), toMinutes(off.end)];
    blocks = blocks.flatMap((block) =>
      [
        { start: block.start, end: Math.min(block.end, offStart) },
        { start: Math.max(block.start, offEnd), end: block.end },
      ].filter((part) => part.end > part.start),
    );
  }
  return [...blocks, ...extras()].sort((a, b) => a.start - b.start);

  function extras(): DayBlock[] {
    return exceptions
      .filter((exception) => exception.kind === 'extra_hours' && exception.start && exception.end)
      .map((exception) => ({
        start: toMinutes(exception.start ?? '00:00'),
        end: toMinutes(exception.end ?? '00:00'),
      }));
  }
}
