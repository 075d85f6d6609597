import { ConflictException } from '@nestjs/common';
import {
  APPOINTMENT_KIND_LABELS,
  MAX_APPOINTMENT_MINUTES,
  MAX_SERIES_LENGTH,
  MIN_APPOINTMENT_MINUTES,
  seriesIntervalWeeks,
  wallClockAt,
  type FieldProblem,
  type SeriesRequest,
} from '@cairn/contracts';
import { isExclusionViolation } from '../database/database-errors';
import { FieldValidationException } from '../http/api-exception.filter';
import type { Span } from './availability-windows';
import type { CreateAppointmentDto } from './dto/appointment.dto';
import type { Appointment } from './entities/appointment.entity';
import { occurrenceSpans, type SeriesPattern } from './series-rule';

/*
 * What a booking must satisfy that needs no database: its times, its parties, a series' pattern,
 * and the words of a refusal (a clash, times outside working hours). BookingService applies them
 * beside the checks that read the calendar.
 */

const OVERLAP_CONSTRAINT = 'appointments_no_overlap';

/** Whether PostgreSQL refused a row for overlapping a live appointment of the same therapist. */
export function isOverlapViolation(error: unknown): boolean {
  return isExclusionViolation(error, OVERLAP_CONSTRAINT);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Tue, Nov 24, 2026, 10:00–10:50" in the clinic's zone, from the wall clock the calendar already
 * computes (its formatter is made once per zone): an `Intl.DateTimeFormat` made for each
 * description was 5% of a booking's CPU when every override described its times.
 */
export function describeSpan(start: Date, end: Date, timeZone: string): string {
  const from = wallClockAt(start, timeZone);
  const [year, month, day] = from.date.split('-').map(Number);
  const date = `${WEEKDAYS[from.weekday - 1]}, ${MONTHS[(month ?? 1) - 1]} ${day}, ${year}`;
  return `${date}, ${from.time}–${wallClockAt(end, timeZone).time}`;
}

/**
 * The pattern a series request describes, read from its first appointment in the clinic's zone;
 * null for a single appointment. Bad combinations answer 400 naming the field.
 */
export function seriesPattern(
  start: Date,
  end: Date,
  series: SeriesRequest | null | undefined,
  timeZone: string,
): SeriesPattern | null {
  if (!series) return null;
  const problems: FieldProblem[] = [];
  if ((series.count === undefined) === (series.until === undefined))
    problems.push({ field: 'series.count', problems: ['give either count or until'] });
  if (
    series.intervalWeeks !== undefined &&
    series.frequency !== undefined &&
    series.intervalWeeks !== (series.frequency === 'fortnightly' ? 2 : 1)
  )
    problems.push({
      field: 'series.intervalWeeks',
      problems: ['intervalWeeks and frequency disagree; give one'],
    });
  const local = wallClockAt(start, timeZone);
  if (series.until !== undefined && series.until < local.date)
    problems.push({ field: 'series.until', problems: ['until must not be before start'] });
  if (problems.length) throw new FieldValidationException(problems);
  return {
    firstDate: local.date,
    localTime: local.time,
    durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
    intervalWeeks: seriesIntervalWeeks(series),
    count: series.count ?? null,
    until: series.until ?? null,
    timeZone,
  };
}

/** The appointments of a series: same wall-clock time every N weeks, across DST. */
export function seriesSpans(
  start: Date,
  end: Date,
  series: SeriesRequest | null | undefined,
  timeZone: string,
): Span[] {
  const pattern = seriesPattern(start, end, series, timeZone);
  if (!pattern) return [{ start: start.getTime(), end: end.getTime() }];
  // The first appointment is the one asked for, to the second, whatever the rounding above.
  const spans = occurrenceSpans(pattern).map((span, index) =>
    index === 0 ? { start: start.getTime(), end: end.getTime() } : span,
  );
  if (spans.length > MAX_SERIES_LENGTH)
    throw new FieldValidationException([
      {
        field: 'series.until',
        problems: [
          `a series has at most ${MAX_SERIES_LENGTH} appointments; choose an earlier until`,
        ],
      },
    ]);
  if (spans.length < 2)
    throw new FieldValidationException([
      { field: 'series.until', problems: ['until leaves a single appointment; book it alone'] },
    ]);
  return spans;
}

/** The 409 for a booking that overlaps, naming what it overlaps in the clinic's zone. */
export function clashError(
  clashes: Appointment[],
  timeZone: string,
  who = 'The therapist',
): ConflictException {
  const list = clashes
    .map(
      (clash) =>
        `${APPOINTMENT_KIND_LABELS[clash.kind]} ${describeSpan(clash.startsAt, clash.endsAt, timeZone)}`,
    )
    .join('; ');
  return new ConflictException(
    list
      ? `${who} is already booked then: ${list}.`
      : `${who} was booked at that time a moment ago; choose another time.`,
  );
}

/**
 * The 409 for times outside the therapist's working hours, naming each; only built when it is
 * thrown (an admin's booking with a reason goes ahead without it).
 */
export function outsideHoursError(
  therapistName: string,
  outside: Span[],
  timeZone: string,
): ConflictException {
  const times = outside
    .map((span) => describeSpan(new Date(span.start), new Date(span.end), timeZone))
    .join('; ');
  return new ConflictException(
    `Outside ${therapistName}'s working hours: ${times}. A clinic admin can book it anyway with a reason.`,
  );
}

/** Times a new booking may have: after now, end after start, a sensible length, whole minutes. */
export function assertTimes(start: Date, end: Date): void {
  const problems: FieldProblem[] = [];
  if (start.getTime() < Date.now())
    problems.push({ field: 'start', problems: ['start must not be in the past'] });
  if (start.getUTCSeconds() || start.getUTCMilliseconds())
    problems.push({ field: 'start', problems: ['start must be on a whole minute'] });
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes <= 0) problems.push({ field: 'end', problems: ['end must be after start'] });
  else if (minutes < MIN_APPOINTMENT_MINUTES)
    problems.push({
      field: 'end',
      problems: [`an appointment lasts at least ${MIN_APPOINTMENT_MINUTES} minutes`],
    });
  else if (minutes > MAX_APPOINTMENT_MINUTES)
    problems.push({
      field: 'end',
      problems: [`an appointment lasts at most ${MAX_APPOINTMENT_MINUTES / 60} hours`],
    });
  else if (!Number.isInteger(minutes))
    problems.push({ field: 'end', problems: ['end must be on a whole minute'] });
  if (problems.length) throw new FieldValidationException(problems);
}

/** Who the appointment is with must fit its kind. */
export function assertParties(dto: CreateAppointmentDto): void {
  const clients = dto.clientIds?.length ?? 0;
  const problem = (field: string, text: string) =>
    new FieldValidationException([{ field, problems: [text] }]);
  if (new Set(dto.clientIds ?? []).size !== clients)
    throw problem('clientIds', 'clientIds names the same client twice');
  if (dto.prospect && dto.kind !== 'consultation')
    throw problem('prospect', 'only a consultation can be booked for a prospect');
  if (dto.prospect && clients)
    throw problem('prospect', 'book either a prospect or a client, not both');
  switch (dto.kind) {
    case 'consultation':
      if (!dto.prospect && clients !== 1)
        throw problem('clientIds', 'a consultation is with one client or a prospect');
      return;
    case 'couples':
      if (clients !== 2) throw problem('clientIds', 'a couples session needs both partners');
      return;
    case 'intake':
    case 'session':
      if (clients !== 1) throw problem('clientIds', `a ${dto.kind} is with exactly one client`);
      return;
  }
}
