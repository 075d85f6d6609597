/**
 * Messages Cairn plans ahead and a job sends (api/src/messages). Each kind is one row per
 * recipient and cause, with a deduplication key, so planning twice never sends twice.
 */
export const PLANNED_MESSAGE_KINDS = [
  'risk_alert',
  'risk_alert_escalation',
  'appointment_reminder',
  'questionnaire_waiting',
  'daily_digest',
  'homework_nudge',
] as const;
export type PlannedMessageKind = (typeof PLANNED_MESSAGE_KINDS)[number];

/** How staff screens name each kind (the admin's Messages page, the client file). */
export const PLANNED_MESSAGE_KIND_LABELS: Record<PlannedMessageKind, string> = {
  risk_alert: 'Alert to the therapist',
  risk_alert_escalation: 'Alert waiting (to admins)',
  appointment_reminder: 'Appointment reminder',
  questionnaire_waiting: 'Something waiting in the portal',
  daily_digest: 'Daily digest (to the therapist)',
  homework_nudge: 'Homework nudge',
};

/** Messages for clients obey quiet hours and the hold after booking; staff alerts go at once. */
export const CLIENT_MESSAGE_KINDS: readonly PlannedMessageKind[] = [
  'appointment_reminder',
  'questionnaire_waiting',
  'homework_nudge',
];

/** Local hour at which each therapist's daily digest is planned (quiet hours are for clients). */
export const DAILY_DIGEST_HOUR = 7;

/** A staff member's own choices about messages to them. */
export interface MyMessagePreferences {
  /** The daily digest of counts (late notes, overdue questionnaires, open flags). */
  dailyDigest: boolean;
}

/** The client's own choice about homework nudges (at most one a day). */
export interface HomeworkNudgeConsent {
  consent: boolean;
}

/**
 * `planned` waits for its time; `held` waits out the hold after a booking or move; `sending` is
 * claimed by one worker; `sent`; `failed` after the last try; `stopped` when its cause went away
 * (cancelled, moved, consent withdrawn, alert acknowledged).
 */
export const PLANNED_MESSAGE_STATUSES = [
  'planned',
  'held',
  'sending',
  'sent',
  'failed',
  'stopped',
] as const;
export type PlannedMessageStatus = (typeof PLANNED_MESSAGE_STATUSES)[number];

/** One planned message as the admin's "Messages" page lists it: never a body. */
export interface PlannedMessageView {
  id: string;
  kind: PlannedMessageKind;
  channel: 'email';
  recipient: string;
  dueAt: string;
  status: PlannedMessageStatus;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/** Default settings a clinic starts with. */
export const MESSAGE_DEFAULTS = {
  reminderLeadHours: [48, 2],
  quietHoursStart: 21,
  quietHoursEnd: 8,
  holdMinutes: 5,
  riskEscalationHours: 24,
} as const;

/** Filters of the admin's "Messages" list. */
export interface PlannedMessageQuery {
  status?: PlannedMessageStatus;
  kind?: PlannedMessageKind;
}

export interface ReminderConsent {
  consent: boolean;
}

/** One message to a client as the client file shows it: what and when, never a body. */
export interface ClientMessageView {
  id: string;
  kind: PlannedMessageKind;
  dueAt: string;
  sentAt: string | null;
  status: PlannedMessageStatus;
}

/** The client file's "Messages" card: the client's consent and their latest messages. */
export interface ClientMessages {
  consent: boolean;
  messages: ClientMessageView[];
}

/** A clinic's message settings (admin). */
export interface MessageSettings {
  /** Whole hours before an appointment, 1 to 336, at most 3, no repeats. */
  reminderLeadHours: number[];
  /** Local hours 0 to 23; equal start and end means no quiet hours. */
  quietHoursStart: number;
  quietHoursEnd: number;
  /** 0 to 60 minutes. */
  holdMinutes: number;
  /** 1 to 168 hours. */
  riskEscalationHours: number;
}
