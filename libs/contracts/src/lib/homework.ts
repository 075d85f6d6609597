import type { Adherence, WeekAdherence } from './homework-occurrences';

/**
 * `task`: mark it done (a note is optional); `journal`: a written reflection; `check_in`: a short
 * form; `reading`: a piece of the portal's reading library, done once it is read.
 */
export const HOMEWORK_KINDS = ['task', 'journal', 'check_in', 'reading'] as const;
export type HomeworkKind = (typeof HOMEWORK_KINDS)[number];

export const HOMEWORK_KIND_LABELS: Record<HomeworkKind, string> = {
  task: 'Task',
  journal: 'Journal',
  check_in: 'Check-in',
  reading: 'Reading',
};

export const HOMEWORK_FREQUENCIES = ['once', 'daily', 'weekly'] as const;
export type HomeworkFrequency = (typeof HOMEWORK_FREQUENCIES)[number];

export const HOMEWORK_FREQUENCY_LABELS: Record<HomeworkFrequency, string> = {
  once: 'Once',
  daily: 'Every day',
  weekly: 'Every week',
};

/** How long after writing an entry the client may still change it; then it is fixed. */
export const ENTRY_EDIT_HOURS = 24;

/** Answers to a check-in form: item id → a number (scales), a choice value, or text. */
export type CheckInAnswers = Record<string, number | string | null>;

export interface HomeworkTemplate {
  id: string;
  /** The library exercise this is, or null for a template a therapist of the clinic wrote. */
  libraryKey: string | null;
  title: string;
  /** Why the exercise helps, in one or two sentences. */
  why: string;
  instructions: string;
  kind: HomeworkKind;
  /** The check-in form (a code from the check-in definitions) for `check_in` templates. */
  checkInForm: string | null;
  /** The reading (a key of the reading library) for `reading` templates. */
  readingKey: string | null;
  createdBy: string | null;
}

export interface CreateHomeworkTemplateRequest {
  title: string;
  why: string;
  instructions: string;
  kind: HomeworkKind;
  checkInForm?: string | null;
}

export interface CreateHomeworkAssignmentRequest {
  templateId: string;
  /** The instructions as adjusted for this client; the template's when omitted. */
  instructions?: string | null;
  frequency: HomeworkFrequency;
  startsOn: string;
  /** The last day (daily, weekly) or the due date (once), in the clinic's time zone. */
  endsOn: string;
  /** Also assign it to the client's linked partner (couple work; both must be on your caseload). */
  forPartnerToo?: boolean;
}

/** What a therapist may change on an assignment: the instructions, the end date, or close it. */
export interface UpdateHomeworkAssignmentRequest {
  instructions?: string;
  endsOn?: string;
  closed?: true;
  /**
   * Closing one partner's twin in couple work: also close the partner's (true) or leave it open
   * (false). Required then, so that one partner's homework is never left open by accident.
   */
  partnerToo?: boolean;
}

export interface HomeworkAssignment {
  id: string;
  clientId: string;
  templateId: string;
  title: string;
  why: string;
  kind: HomeworkKind;
  checkInForm: string | null;
  readingKey: string | null;
  instructions: string;
  frequency: HomeworkFrequency;
  startsOn: string;
  endsOn: string;
  closedOn: string | null;
  /** The partner's twin assignment in couple work (the therapist's side only). */
  partnerAssignmentId: string | null;
  createdAt: string;
  adherence: Adherence;
  weeks: WeekAdherence[];
  lastEntryOn: string | null;
}

/**
 * One entry as the therapist sees it. A private journal entry arrives with `private: true` and
 * `note: null`: the therapist sees that it was done, never its text.
 */
export interface HomeworkEntry {
  id: string;
  assignmentId: string;
  /** The occurrence it completes: the day (daily), the week's first day (weekly), the start (once). */
  occursOn: string;
  note: string | null;
  answers: CheckInAnswers | null;
  private: boolean;
  createdAt: string;
  updatedAt: string;
  /** Until when the client may still change it. */
  editableUntil: string;
}

/** The client's own entry: always with its text. */
export interface MyHomeworkEntry extends HomeworkEntry {
  editable: boolean;
}

export interface CreateHomeworkEntryRequest {
  /** A day within the assignment's dates, not in the future; it is filed under its occurrence. */
  occursOn: string;
  note?: string | null;
  answers?: CheckInAnswers | null;
  /** Journals only: keep the text to yourself. */
  private?: boolean;
}

export interface UpdateHomeworkEntryRequest {
  note?: string | null;
  answers?: CheckInAnswers | null;
  private?: boolean;
}

/** One of the client's open assignments, with where it stands today. */
export interface MyHomeworkAssignment {
  id: string;
  title: string;
  why: string;
  kind: HomeworkKind;
  checkInForm: string | null;
  readingKey: string | null;
  instructions: string;
  frequency: HomeworkFrequency;
  startsOn: string;
  endsOn: string;
  /** The occurrence that covers today, if any: its first day and whether it is done. */
  current: { occursOn: string; lastDay: string; entry: MyHomeworkEntry | null } | null;
  /** Occurrences (once, weekly) whose time passed without an entry: still welcome. */
  overdue: string[];
  /** The client's recent entries, newest first. */
  entries: MyHomeworkEntry[];
}

export interface MyHomework {
  today: string;
  assignments: MyHomeworkAssignment[];
}
