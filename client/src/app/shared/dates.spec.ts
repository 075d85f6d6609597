import { TestBed } from '@angular/core/testing';
import { signal } from '@angular/core';
import { AuthService } from '../core/auth/auth.service';
import { CalendarDayPipe } from './calendar-day.pipe';
import { ClinicTimePipe } from './clinic-time.pipe';
import {
  formatCalendarDate,
  formatCalendarDay,
  formatInstant,
  formatTimeRange,
  nextDay,
  relativeDay,
} from './dates';

// 15:00 UTC on Wed 2 Dec 2026 is 10:00 in New York and already Thursday 00:00 in Tokyo.
const INSTANT = '2026-12-02T15:00:00.000Z';

describe('date formats', () => {
  it('shows an instant in the clinic’s zone, not the browser’s', () => {
    expect(formatInstant(INSTANT, 'time', 'America/New_York')).toBe('10:00 AM');
    expect(formatInstant(INSTANT, 'date', 'Asia/Tokyo')).toBe('Dec 3, 2026');
    expect(formatInstant(INSTANT, 'dateTime', 'America/New_York')).toBe('Dec 2, 2026, 10:00 AM');
    expect(formatInstant(INSTANT, 'dayTime', 'America/New_York')).toBe('Wed, Dec 2, 10:00 AM');
  });

  it('shows nothing for nothing, and an unreadable value as given', () => {
    expect(formatInstant(null, 'date')).toBe('');
    expect(formatInstant(undefined, 'date')).toBe('');
    expect(formatInstant('soon', 'date')).toBe('soon');
  });

  it('writes a time range with one meridiem when both ends share it', () => {
    const end = '2026-12-02T15:50:00.000Z';
    expect(formatTimeRange(INSTANT, end, 'America/New_York')).toBe('10:00–10:50 AM');
    expect(formatTimeRange(INSTANT, '2026-12-02T18:00:00.000Z', 'America/New_York')).toBe(
      '10:00 AM–1:00 PM',
    );
  });

  it('reads a calendar day as that day in every zone', () => {
    expect(formatCalendarDay('2026-12-06')).toBe('Sun, Dec 6');
    expect(formatCalendarDay('')).toBe('');
    expect(formatCalendarDay('not a day')).toBe('not a day');
  });

  it('gives a day that may lie in another year with its year, never the bare ISO form', () => {
    expect(formatCalendarDate('1987-03-14')).toBe('Mar 14, 1987');
    expect(formatCalendarDate('2026-12-31')).toBe('Dec 31, 2026');
    expect(formatCalendarDate(null)).toBe('');
    expect(formatCalendarDate('not a day')).toBe('not a day');
  });

  it('names today and tomorrow, across a month and a year end', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(relativeDay('2026-12-02', '2026-12-02')).toBe('Today');
    expect(relativeDay('2027-01-01', '2026-12-31')).toBe('Tomorrow');
    expect(relativeDay('2026-12-06', '2026-12-02')).toBe('Sun, Dec 6');
  });
});

describe('date pipes', () => {
  it('clinicTime uses the signed-in clinic’s zone', () => {
    const user = signal({ clinicTimeZone: 'Asia/Tokyo' });
    TestBed.configureTestingModule({
      providers: [ClinicTimePipe, { provide: AuthService, useValue: { user } }],
    });
    const pipe = TestBed.inject(ClinicTimePipe);
    expect(pipe.transform(INSTANT, 'time')).toBe('12:00 AM');
    user.set({ clinicTimeZone: 'America/New_York' });
    expect(pipe.transform(INSTANT)).toBe('Dec 2, 2026, 10:00 AM');
  });

  it('calendarDay formats a day', () => {
    expect(new CalendarDayPipe().transform('2026-12-06')).toBe('Sun, Dec 6');
    expect(new CalendarDayPipe().transform('2026-12-06', 'date')).toBe('Dec 6, 2026');
  });
});
