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

export interface SeriesRequest {
  frequency: SeriesFrequency;
  /** How many appointments in all, the first included. */
  count: number;
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
