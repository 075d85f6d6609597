import type { ActionOf } from './access';
import type { CrisisSupport, InSessionRiskPrompt } from './crisis';
import type { LateNote } from './notes';

export type AnswerValue = number | string | string[] | boolean;
export type Answers = Record<string, AnswerValue>;

export const ASSESSMENT_MODES = ['in_session', 'portal'] as const;
export type AssessmentMode = (typeof ASSESSMENT_MODES)[number];

export const ASSESSMENT_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface InstrumentSummary {
  code: string;
  version: string;
  title: string;
  shortTitle: string;
  measures: string;
  kind: 'scored' | 'form';
  clinicalAid: boolean;
  itemCount: number;
  asksIndexEvent: boolean;
  licence: string;
}

/** What a PCL-5 is answered about, e.g. "Discovering my partner's affair" on 2026-08-14. */
export interface IndexEvent {
  description: string;
  occurredOn: string | null;
}

/** What anyone allowed to know an administration exists sees: never answers or scores. */
export interface AssessmentSummary {
  id: string;
  clientId: string;
  instrumentCode: string;
  /** The version it was given in: it is read, validated and scored by that version. */
  instrumentVersion: string;
  instrumentTitle: string;
  /** The plain title a client sees ("How you have been feeling"): never the clinical name. */
  clientTitle: string;
  mode: AssessmentMode;
  status: AssessmentStatus;
  dueOn: string | null;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  replacesId: string | null;
}

export interface SubscaleResult {
  id: string;
  label: string;
  score: number | null;
}

/** The computed result, stored when the administration is completed. */
export interface AssessmentResult {
  total: number | null;
  maxTotal: number | null;
  severity: { label: string; level: number } | null;
  subscales: SubscaleResult[];
  cutoffsReached: string[];
  diagnostic: { id: string; label: string; met: boolean }[];
}

/** A row of a client's administrations; `result` only for the treating therapist (or when shared). */
export interface AssessmentListItem extends AssessmentSummary {
  result?: AssessmentResult | null;
}

export interface AssessmentDetail extends AssessmentSummary {
  answers: Answers;
  indexEvent: IndexEvent | null;
  sharedWithClient: boolean;
  /** For the treating therapist always once completed; for the client only when shared. */
  result: AssessmentResult | null;
  risks: RiskFlagView[];
  /** What the caller may do to it (answer, complete, cancel, share, export). */
  can: ActionOf<'assessment'>[];
  /**
   * Help at once, returned with the saved answer that needs it: for the client, crisis resources
   * in calm words while their answers report thoughts of death or self-harm; for the therapist,
   * the same resources and the prompt to assess risk while a flag is open. Null otherwise.
   */
  support: CrisisSupport | InSessionRiskPrompt | null;
  /** How to read the result (Trust Patterns: its context and interpretation note). */
  interpretation: ResultInterpretationView | null;
}

export interface ResultInterpretationView {
  note: string;
  context: string[];
  notes: string[];
}

export interface CreateAssessmentRequest {
  instrumentCode: string;
  mode: AssessmentMode;
  dueOn?: string | null;
  indexEvent?: IndexEvent | null;
  /** A correction: the completed administration this one replaces. */
  replacesId?: string | null;
}

export interface SaveAnswersRequest {
  /** Changed answers only; null clears an answer. */
  answers: Record<string, AnswerValue | null>;
  indexEvent?: IndexEvent | null;
}

export interface RiskFlagView {
  id: string;
  assessmentId: string;
  clientId: string;
  clientName: string;
  instrumentCode: string;
  itemId: string;
  value: number;
  message: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

export interface AcknowledgeRiskRequest {
  note?: string | null;
}

export interface ShareResultRequest {
  shared: boolean;
}

export type ChangeDirection = 'improvement' | 'deterioration';

export interface ChangeView {
  delta: number;
  reliable: ChangeDirection | null;
  meaningful: ChangeDirection | null;
}

export interface MeasurePoint {
  assessmentId: string;
  completedAt: string;
  total: number | null;
  severity: { label: string; level: number } | null;
  subscales: SubscaleResult[];
  /** Provisional-diagnosis rules (PCL-5's DSM-5 rule), as stored at completion. */
  diagnostic?: { id: string; label: string; met: boolean }[];
  /** The context the person gave (Trust Patterns version 2), e.g. "1 to 6 months ago". */
  context?: string[];
  /** Interpretation notes chosen by that context. */
  notes?: string[];
  /** The instrument version it was given in. */
  version?: string;
  fromBaseline: ChangeView | null;
  fromPrevious: ChangeView | null;
}

/**
 * One instrument's completed scores over time for a client, with change and thresholds. Fields
 * marked optional here and in its points were added later: a report snapshotted before them
 * lacks them.
 */
export interface MeasureSeries {
  instrumentCode: string;
  title: string;
  clinicalAid: boolean;
  minTotal: number | null;
  maxTotal: number | null;
  bands: { min: number; max: number; label: string; level: number }[];
  cutoffs: { score: number; label: string }[];
  reliableChangePoints: number | null;
  meaningfulChangePoints: number | null;
  thresholdCitations: string[];
  /** A rise is growth (self-trust), not worsening. */
  higherIsBetter?: boolean;
  /** Read with every result and PDF of this instrument, when it has one. */
  interpretation?: string | null;
  /** The response scale's real anchors, for a chart's caption, e.g. 0 "Never" to 4 "Almost always". */
  scale?: ScaleAnchors | null;
  points: MeasurePoint[];
}

export interface ScaleAnchors {
  min: number;
  minLabel: string;
  max: number;
  maxLabel: string;
}

export interface MeasurementSchedule {
  id: string;
  clientId: string;
  instrumentCode: string;
  everyWeeks: number;
  maxSends: number | null;
  sendsMade: number;
  nextDueOn: string | null;
  active: boolean;
}

export interface CreateScheduleRequest {
  instrumentCode: string;
  everyWeeks: number;
  maxSends?: number | null;
  startOn: string;
}

/** What needs the therapist's attention across their caseload. */
export interface CaseloadAttention {
  openRiskFlags: RiskFlagView[];
  overdueAssessments: (AssessmentSummary & { clientName: string })[];
  /** The therapist's own progress notes still unsigned 72 hours after the session. */
  lateNotes: LateNote[];
  /** Clients whose latest score is reliably worse than their first. */
  deteriorating: DeteriorationAlert[];
  /** Clients who did less than half of the homework due in the last four weeks. */
  lowAdherence: LowAdherenceAlert[];
  /** Couples whose safety review waits for the therapist's decision before conjoint work. */
  pendingSafetyReviews: PendingSafetyReview[];
}

export interface PendingSafetyReview {
  clientId: string;
  clientName: string;
  raisedAt: string;
}

export interface DeteriorationAlert {
  clientId: string;
  clientName: string;
  instrumentCode: string;
  instrumentTitle: string;
  /** Latest score minus the first. */
  delta: number;
}

export interface LowAdherenceAlert {
  clientId: string;
  clientName: string;
  done: number;
  expected: number;
}
