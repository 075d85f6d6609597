import type { ActionOf } from './access';
import type { TherapistRef } from './clients';

export const APPOINTMENT_KINDS = ['consultation', 'intake', 'session', 'couples'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Statuses that hold the therapist's time. A completed appointment happened and keeps its place;
 * a cancelled one or a no-show did not take place, so the time may be given to someone else.
 */
export const LIVE_APPOINTMENT_STATUSES = ['scheduled', 'completed'] as const;

export const APPOINTMENT_KIND_LABELS: Record<AppointmentKind, string> = {
  consultation: 'Initial consultation',
  intake: 'Intake',
  session: 'Session',
  couples: 'Couples session',
};

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Did not attend',
};

/** Shortest and longest appointment the API books, in minutes (the database refuses over 4 hours). */
export const MIN_APPOINTMENT_MINUTES = 15;
export const MAX_APPOINTMENT_MINUTES = 240;
/** A cancellation closer than this to the start is a late cancellation. */
export const LATE_CANCELLATION_HOURS = 24;
export const MAX_SERIES_LENGTH = 26;
/** The longest gap between the appointments of a series, in weeks. */
export const MAX_SERIES_INTERVAL_WEEKS = 8;

/** One block of weekly working hours, in the clinic's time zone. */
export interface WeeklyHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM */
  start: string;
  /** HH:MM, after start; 24:00 is the end of the day. */
  end: string;
}

export const AVAILABILITY_EXCEPTION_KINDS = ['time_off', 'extra_hours'] as const;
export type AvailabilityExceptionKind = (typeof AVAILABILITY_EXCEPTION_KINDS)[number];

/** Time off (the whole day when no times are given) or an extra block on one date. */
export interface AvailabilityException {
  date: string;
  kind: AvailabilityExceptionKind;
  start: string | null;
  end: string | null;
  note: string | null;
}

export interface TherapistAvailability {
  therapistId: string;
  /** The clinic's time zone, in which every time above is read. */
  timeZone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
}

export interface PutAvailabilityRequest {
  /** Must be the clinic's zone: a guard against hours meant in another zone. */
  timeZone: string;
  weekly: WeeklyHours[];
  exceptions: AvailabilityException[];
}

/** A person asking for a first consultation who has no client file yet. Nothing clinical. */
export interface Prospect {
  name: string;
  email: string | null;
  phone: string | null;
  /** A short, non-clinical reason for contact ("asked about couples work"). */
  reason: string | null;
}

export interface AppointmentClient {
  id: string;
  displayName: string;
}

export interface AppointmentView {
  id: string;
  therapist: TherapistRef;
  kind: AppointmentKind;
  status: AppointmentStatus;
  /** ISO instants. */
  start: string;
  end: string;
  location: string | null;
  /** One client, or both partners for couples; empty for a prospect's consultation. */
  clients: AppointmentClient[];
  prospect: Prospect | null;
  /** The client file a prospect became. */
  convertedClientId: string | null;
  seriesId: string | null;
  /** How its series repeats (null when it is on its own). */
  series: SeriesView | null;
  /** Why the admin booked outside the therapist's hours. */
  overrideReason: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  lateCancellation: boolean;
  /** What the caller may do to it (reschedule, cancel, complete, …). */
  can: ActionOf<'appointment'>[];
}

export const SERIES_FREQUENCIES = ['weekly', 'fortnightly'] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];

/**
 * A series: the first appointment's time repeated every `intervalWeeks` weeks, at the same
 * wall-clock time in the clinic's zone, for `count` appointments or until a date (one of them).
 */
export interface SeriesRequest {
  /** Weeks between appointments, 1 to 8 (default 1, or as `frequency` says). */
  intervalWeeks?: number;
  /** The older spelling of the interval: weekly (1) or fortnightly (2). */
  frequency?: SeriesFrequency;
  /** How many appointments in all, the first included. */
  count?: number;
  /** The last date (YYYY-MM-DD, the clinic's zone) an appointment may fall on. */
  until?: string;
}

/** The weeks between appointments a series request asks for. */
export function seriesIntervalWeeks(series: SeriesRequest): number {
  return series.intervalWeeks ?? (series.frequency === 'fortnightly' ? 2 : 1);
}

/** How the series an appointment belongs to repeats. */
export interface SeriesView {
  id: string;
  intervalWeeks: number;
  count: number | null;
  until: string | null;
  /** The RFC 5545 rule (FREQ=WEEKLY;INTERVAL=…), with times read in the clinic's zone. */
  rule: string;
  /** The series this one continues after a "this and following" change. */
  previousSeriesId: string | null;
}

/**
 * "This and following": from this appointment on, the series takes the new time, length and/or
 * interval; the appointments before it stay as they were (the series is split here).
 */
export interface UpdateFollowingRequest {
  /** The new start of this appointment; the following ones keep its wall-clock time. */
  start?: string;
  end?: string;
  /** A new gap between the appointments from this one on. */
  intervalWeeks?: number;
  location?: string | null;
  overrideReason?: string | null;
}

/** What "this and following" changed: the appointments now in the new series, in order. */
export interface FollowingResult {
  series: SeriesView | null;
  appointments: AppointmentView[];
}

export interface CreateAppointmentRequest {
  therapistId: string;
  kind: AppointmentKind;
  start: string;
  end: string;
  location?: string | null;
  /** One client, or two partners for a couples session. */
  clientIds?: string[];
  /** For a consultation with someone who has no file yet. */
  prospect?: Prospect | null;
  /** Admin only: books outside the therapist's hours, with the reason recorded. */
  overrideReason?: string | null;
  series?: SeriesRequest | null;
}

export interface BookingResult {
  appointments: AppointmentView[];
}

/** Reschedule or move: new times and/or location. */
export interface UpdateAppointmentRequest {
  start?: string;
  end?: string;
  location?: string | null;
  overrideReason?: string | null;
}

export interface CancelAppointmentRequest {
  reason: string;
}

export interface AppointmentListQuery {
  therapistId?: string;
  clientId?: string;
  from?: string;
  to?: string;
  status?: AppointmentStatus;
}

export interface ConvertProspectResult {
  clientId: string;
  appointment: AppointmentView;
}

export interface SlotQuery {
  therapistId: string;
  from: string;
  to: string;
  /** Minutes. */
  duration: number;
}

export interface FreeSlot {
  start: string;
  end: string;
}

export interface FreeSlots {
  therapistId: string;
  timeZone: string;
  duration: number;
  slots: FreeSlot[];
}

/** What a client sees of their own appointment: when, what, with whom, where. */
export interface MyAppointment {
  id: string;
  start: string;
  end: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  therapistName: string;
  location: string | null;
}

export interface MyAppointments {
  timeZone: string;
  upcoming: MyAppointment[];
  past: MyAppointment[];
}

export interface CalendarFeedStatus {
  active: boolean;
  createdAt: string | null;
}

/** Returned once, when the feed is made: the token is never shown again (only its hash is kept). */
export interface CalendarFeedCreated {
  url: string;
  createdAt: string;
}
