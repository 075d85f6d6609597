import type { ActionOf } from './access';
/**
 * Session notes. A progress note is part of the clinical record; a psychotherapy (process) note is
 * the author's private working note, kept apart from the record as the law treats it.
 */
export const NOTE_KINDS = ['progress', 'psychotherapy'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_STATUSES = ['draft', 'signed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];

export const SERVICE_TYPES = [
  'intake',
  'individual_45',
  'individual_60',
  'couples_with_client',
  'consultation',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Kept beside the service for later billing. An initial consultation is not billed. */
export const SERVICE_TYPE_CPT: Record<ServiceType, string | null> = {
  intake: '90791',
  individual_45: '90834',
  individual_60: '90837',
  couples_with_client: '90847',
  consultation: null,
};

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  intake: 'Intake assessment',
  individual_45: 'Individual psychotherapy, 45 minutes',
  individual_60: 'Individual psychotherapy, 60 minutes',
  couples_with_client: 'Couples therapy, client present',
  consultation: 'Initial consultation',
};

/**
 * The service a booked appointment most likely was: what the note editor starts from. Individual
 * psychotherapy of 53 minutes or more is the 60-minute code (90837), as CPT counts time.
 */
export function serviceTypeForAppointment(
  kind: 'consultation' | 'intake' | 'session' | 'couples',
  minutes: number,
): ServiceType {
  switch (kind) {
    case 'consultation':
      return 'consultation';
    case 'intake':
      return 'intake';
    case 'couples':
      return 'couples_with_client';
    case 'session':
      return minutes >= 53 ? 'individual_60' : 'individual_45';
  }
}

/** A session's note is late once it is still unsigned this long after the session. */
export const NOTE_LATE_AFTER_HOURS = 72;
/** All of a note's text together, in characters. */
export const NOTE_CONTENT_MAX_CHARS = 60_000;
export const ADDENDUM_MAX_CHARS = 20_000;

export interface NoteOption {
  value: string;
  label: string;
}

/** One field of a template. Free text, one choice, several choices, or the risk assessment. */
export type NoteField =
  | { key: string; label: string; type: 'text'; hint?: string; requiredToSign?: boolean }
  | { key: string; label: string; type: 'choice'; options: NoteOption[]; requiredToSign?: boolean }
  | { key: string; label: string; type: 'multi'; options: NoteOption[]; hint?: string }
  | { key: string; label: string; type: 'risk' };

export interface NoteSection {
  heading: string;
  fields: NoteField[];
}

export const NOTE_TEMPLATE_CODES = [
  'bt_progress',
  'soap',
  'dap',
  'birp',
  'intake',
  'process',
] as const;
export type NoteTemplateCode = (typeof NOTE_TEMPLATE_CODES)[number];

export interface NoteTemplate {
  code: NoteTemplateCode;
  name: string;
  description: string;
  kind: NoteKind;
  sections: NoteSection[];
}

export const RISK_LEVELS = ['none', 'low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The risk assessment field stores its level and, above low, the safety plan. */
export interface RiskAssessmentValue {
  level: RiskLevel;
  plan?: string;
}

export type NoteFieldValue = string | string[] | RiskAssessmentValue;
/** A note's content: template field key → value. Fields left empty are simply absent. */
export type NoteContent = Record<string, NoteFieldValue>;

export interface AuthorRef {
  id: string;
  displayName: string;
}

/** What anyone allowed to know a note exists sees (an admin sees only this). */
export interface NoteSummary {
  id: string;
  clientId: string;
  kind: NoteKind;
  sessionAt: string;
  author: AuthorRef;
  status: NoteStatus;
  /** Unsigned more than 72 hours after the session. */
  late: boolean;
  signedAt: string | null;
}

/** A row of the chart's notes list for a clinician: adds what kind of session it was. */
export interface NoteListItem extends NoteSummary {
  templateCode: NoteTemplateCode;
  serviceType: ServiceType;
  durationMinutes: number;
  addendumCount: number;
  /** Only the author edits a draft and signs. */
  mine: boolean;
  /** The appointment the note documents, so a schedule offers "Open note", not a second note. */
  appointmentId: string | null;
}

export interface NoteAddendum {
  id: string;
  author: AuthorRef;
  createdAt: string;
  text: string;
  contentHash: string;
}

export interface NoteDetail extends NoteListItem {
  clientName: string;
  cptCode: string | null;
  content: NoteContent;
  /** Saves must carry this; a save based on an older version is refused with 409. */
  version: number;
  updatedAt: string;
  /** SHA-256 of the signed content, and whether the stored note still matches it. */
  contentHash: string | null;
  integrity: 'unsigned' | 'intact' | 'altered';
  addenda: NoteAddendum[];
  /** What the caller may do to this note (edit, sign, amend, download). */
  can: ActionOf<'progress_note'>[];
}

export interface CreateNoteRequest {
  templateCode: NoteTemplateCode;
  sessionAt: string;
  durationMinutes: number;
  serviceType: ServiceType;
  /** The appointment the note documents (one of the client's, not cancelled). */
  appointmentId?: string | null;
  content?: NoteContent;
}

export interface SaveNoteRequest {
  version: number;
  sessionAt: string;
  durationMinutes: number;
  serviceType: ServiceType;
  content: NoteContent;
}

export interface SignNoteRequest {
  version: number;
  password: string;
}

export interface CreateAddendumRequest {
  text: string;
  password: string;
}

/**
 * A note the therapist still owes, shown on their home: a draft still unsigned 72 hours after its
 * session, or a completed appointment with no note at all after as long (then `id` is the
 * appointment's and `noteMissing` is true).
 */
export interface LateNote {
  id: string;
  clientId: string;
  clientName: string;
  sessionAt: string;
  noteMissing: boolean;
  appointmentId: string | null;
}

/** A completed session of the client's, 72 hours past, with no progress note at all. */
export interface MissingNote {
  appointmentId: string;
  clientId: string;
  sessionAt: string;
  durationMinutes: number;
  kind: 'consultation' | 'intake' | 'session' | 'couples';
  therapist: AuthorRef;
}
