import { Pipe, type PipeTransform } from '@angular/core';
import { formatCalendarDate, formatCalendarDay } from './dates';

/**
 * A calendar day (YYYY-MM-DD, already the clinic's day) in words: "Sun, Dec 6" for a day near
 * today, or with `'date'` "Dec 6, 2026" for one that may lie in another year.
 */
@Pipe({ name: 'calendarDay' })
export class CalendarDayPipe implements PipeTransform {
  transform(value: string | null | undefined, style: 'day' | 'date' = 'day'): string {
    return style === 'date' ? formatCalendarDate(value) : formatCalendarDay(value);
  }
}
