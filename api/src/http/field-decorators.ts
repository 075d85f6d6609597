import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { trimInvisible } from './text-rules';

/**
 * Trims text of whitespace and invisible characters; an optional field sent as blank means
 * "no value" (null).
 */
function trimmed(optional: boolean) {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const text = trimInvisible(value);
    return optional && text === '' ? null : text;
  });
}

/** A required text field (on create), trimmed, not blank, at most `max` characters. */
export function RequiredText(max: number) {
  return applyDecorators(
    trimmed(false),
    IsString(),
    IsNotEmpty({ message: '$property must not be blank' }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
  );
}

/** Text that may be omitted or null (to clear it), trimmed, at most `max` characters. */
export function OptionalText(max: number) {
  return applyDecorators(
    trimmed(true),
    IsOptional(),
    IsString(),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
  );
}

/** A field that may be omitted but never set to null (a required field in a partial update). */
export function NotNullIfPresent() {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

export function OptionalPhone() {
  return applyDecorators(
    OptionalText(40),
    Matches(/^\+?[0-9 ().-]{5,40}$/, {
      message: '$property must be a phone number (digits, spaces, + ( ) - .)',
    }),
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar days Cairn works with. Date arithmetic past year 9999 leaves ISO 8601's four-digit
 * years (and far enough, JavaScript's Date); no birth, session or due date lies outside.
 */
export const SUPPORTED_DATES = { earliest: '1900-01-01', latest: '2199-12-31' } as const;

/** Whether a YYYY-MM-DD day lies in SUPPORTED_DATES. */
export function isSupportedDay(day: string): boolean {
  return day >= SUPPORTED_DATES.earliest && day <= SUPPORTED_DATES.latest;
}

/** Whether `value` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The latest calendar date anywhere on Earth right now (UTC+14), so "today" is never refused. */
export function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export function IsCalendarDate(options?: ValidationOptions & { notInFuture?: boolean }) {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) =>
          isCalendarDate(value) &&
          isSupportedDay(value) &&
          (!options?.notInFuture || value <= latestToday()),
        defaultMessage: () =>
          options?.notInFuture
            ? `$property must be a date (YYYY-MM-DD) from ${SUPPORTED_DATES.earliest} that is not in the future`
            : `$property must be a date written YYYY-MM-DD, from ${SUPPORTED_DATES.earliest} to ${SUPPORTED_DATES.latest}`,
      },
    },
    options,
  );
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

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
          isSupportedDay(value.slice(0, 10)) &&
          !Number.isNaN(Date.parse(value)),
        defaultMessage: () =>
          `$property must be a date and time with its offset, e.g. 2026-11-24T10:00:00-06:00, from ${SUPPORTED_DATES.earliest} to ${SUPPORTED_DATES.latest}`,
      },
    },
    options,
  );
}
