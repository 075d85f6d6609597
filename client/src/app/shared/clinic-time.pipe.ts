import { inject, Pipe, type PipeTransform } from '@angular/core';
import { AuthService } from '../core/auth/auth.service';
import { formatInstant, type InstantFormat } from './dates';

/**
 * Shows an instant in the clinic's time zone (not the browser's): a therapist travelling or an
 * admin working remotely still sees the clinic's schedule as the clinic lives it.
 */
@Pipe({ name: 'clinicTime' })
export class ClinicTimePipe implements PipeTransform {
  private readonly auth = inject(AuthService);

  transform(value: string | Date | null | undefined, format: InstantFormat = 'dateTime'): string {
    return formatInstant(value, format, this.auth.user()?.clinicTimeZone);
  }
}
