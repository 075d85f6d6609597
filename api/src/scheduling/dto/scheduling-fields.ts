import { ValidateBy, type ValidationOptions } from 'class-validator';

const CLOCK_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

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
