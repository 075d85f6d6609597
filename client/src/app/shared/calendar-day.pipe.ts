import { Pipe, type PipeTransform } from '@angular/core';
import { formatCalendarDay } from './dates';

/** A calendar day (YYYY-MM-DD, already the clinic's day) in words: "Sun, Dec 6". */
@Pipe({ name: 'calendarDay' })
export class CalendarDayPipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return formatCalendarDay(value);
  }
}
