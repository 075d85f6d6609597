import { inject, Pipe, type PipeTransform } from '@angular/core';
import { AuthService } from '../core/auth/auth.service';

const FORMATS = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Shows an instant in the clinic's time zone (not the browser's): a therapist travelling or an
 * admin working remotely still sees the clinic's schedule as the clinic lives it.
 */
@Pipe({ name: 'clinicTime' })
export class ClinicTimePipe implements PipeTransform {
  private readonly auth = inject(AuthService);

  transform(
    value: string | Date | null | undefined,
    format: keyof typeof FORMATS = 'dateTime',
  ): string {
    if (value === null || value === undefined) return '';
    const timeZone = this.auth.user()?.clinicTimeZone;
    return new Intl.DateTimeFormat('en-US', { ...FORMATS[format], timeZone }).format(
      new Date(value),
    );
  }
}
