import { Pipe, type PipeTransform } from '@angular/core';

const FORMAT = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/**
 * A calendar day (YYYY-MM-DD, already the clinic's day) in words: "Sun, Dec 6". Read as UTC so
 * no time zone moves it to the day before.
 */
@Pipe({ name: 'calendarDay' })
export class CalendarDayPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    if (!value) return '';
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : FORMAT.format(date);
  }
}
