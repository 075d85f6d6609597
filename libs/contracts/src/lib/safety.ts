import type { Answers } from './assessments';
import type { CrisisSupport } from './crisis';

/**
 * Safety before conjoint work. Each partner of a couple answers Cairn's safety screen alone (in
 * session with their therapist, or in their own portal). A screen and its answers are seen only
 * by the screened client's treating therapist and by the client; never by the partner, never in
 * shared views or release copies, never by an admin.
 */
export const SAFETY_SCREEN_MODES = ['in_session', 'portal'] as const;
export type SafetyScreenMode = (typeof SAFETY_SCREEN_MODES)[number];

export const SAFETY_SCREEN_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type SafetyScreenStatus = (typeof SAFETY_SCREEN_STATUSES)[number];

/** The screen as its client or their treating therapist sees it. */
export interface SafetyScreenView {
  id: string;
  clientId: string;
  mode: SafetyScreenMode;
  status: SafetyScreenStatus;
  answers: Answers;
  dueOn: string | null;
  createdAt: string;
  completedAt: string | null;
}

/**
 * The client's own screen in their portal. Help is offered to everyone who answers it, whatever
 * they answered, so that what the page shows says nothing about the answers.
 */
export interface MySafetyScreen extends SafetyScreenView {
  support: CrisisSupport;
}

/** The therapist's view adds what the rules found: never sent to the client. */
export interface SafetyScreenResultView extends SafetyScreenView {
  needsReview: boolean;
  urgent: boolean;
  concerns: { itemId: string; area: string; answer: string }[];
}

export const CONJOINT_DECISIONS = [
  'proceed',
  'proceed_with_safeguards',
  'individual_only',
  'postpone',
] as const;
export type ConjointDecision = (typeof CONJOINT_DECISIONS)[number];

export const CONJOINT_DECISION_LABELS: Record<ConjointDecision, string> = {
  proceed: 'Conjoint sessions can go ahead',
  proceed_with_safeguards: 'Conjoint sessions can go ahead, with safeguards',
  individual_only: 'Individual work only for now (no couples sessions)',
  postpone: 'Postpone couples sessions until reviewed again',
};

/** Decisions under which a couples session may be booked. */
export const CONJOINT_ALLOWED: readonly ConjointDecision[] = ['proceed', 'proceed_with_safeguards'];

/**
 * The safety review of a couple, on both partners' charts. `fromScreenOf` names whose screen
 * asked for it only for a therapist who treats that partner; otherwise it is null, so a review
 * never says which partner said what.
 */
export interface SafetyReviewView {
  id: string;
  status: 'pending' | 'decided';
  raisedAt: string;
  fromScreenOf: { clientId: string; screenId: string } | null;
  decision: ConjointDecision | null;
  /** The therapist's reasoning: for a therapist treating both partners only. */
  decisionNote: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** Where a client stands before couples work, for their treating therapist. */
export interface SafetyOverview {
  clientId: string;
  partner: { id: string; name: string } | null;
  /** This client's own screens, newest first. */
  screens: SafetyScreenResultView[];
  /** Whether the partner has completed a screen (never what it said). */
  partnerScreened: boolean | null;
  reviews: SafetyReviewView[];
  /** Whether a couples session may be booked now, and if not, why (in neutral words). */
  conjoint: { bookable: boolean; reason: string | null };
}

/** What an admin may know: that a review is pending, never why, and nothing else of the screen. */
export interface SafetyAdminStatus {
  clientId: string;
  reviewPending: boolean;
}

export interface CreateSafetyScreenRequest {
  mode: SafetyScreenMode;
  dueOn?: string | null;
}

export interface SaveSafetyAnswersRequest {
  answers: Record<string, string | null>;
}

export interface RecordConjointDecisionRequest {
  decision: ConjointDecision;
  note?: string | null;
}
