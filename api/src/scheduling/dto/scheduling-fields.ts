import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../../http/field-decorators';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** An ISO 8601 date and time with its offset (Z or ±HH:MM): an unambiguous instant. */
export function IsInstant(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) =>
          // Date.parse reads 2026-02-30 as 2 March: the day itself must exist.
          typeof value === 'string' &&
          INSTANT.test(value) &&
          isCalendarDate(value.slice(0, 10)) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: () =>
          '$property must be a date and time with its offset, e.g. 2026-11-24T10:00:00-06:00',
      },
    },
    options,
  );
}

/** A wall-clock time HH:MM (00:00–24:00). */
export function IsClockTime(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isClockTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CLOCK_TIME.test(value),
        defaultMessage: () => '$property must be a time written HH:MM (00:00 to 24:00)',
      },
    },
    options,
  );
}
