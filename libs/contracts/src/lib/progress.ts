import type { ActionOf } from './access';
import type { MeasureSeries, SubscaleResult } from './assessments';
import type { Adherence, WeekAdherence } from './homework-occurrences';
import type { TimelineEvent } from './clients';
import { addDays } from './dates';

/** A reporting period, as clinic calendar dates (inclusive). */
export interface DateRange {
  from: string;
  to: string;
}

/** The longest period a dashboard or report covers. */
export const MAX_PROGRESS_YEARS = 10;

export interface TrustPatternsSnapshot {
  completedAt: string;
  subscales: SubscaleResult[];
  /** The version it was given in (version 2 added the context questions). */
  version?: string;
  /** Where the person stood, as they chose it (version 2), e.g. "1 to 6 months ago". */
  context?: string[];
  /** Notes chosen by that context. */
  notes?: string[];
}

/** Trust Patterns at intake against the latest administration in the period. */
export interface TrustPatternsComparison {
  title: string;
  baseline: TrustPatternsSnapshot | null;
  latest: TrustPatternsSnapshot | null;
  /** Read with every result view and PDF (absent in reports made before it existed). */
  interpretation?: string | null;
  /** The response scale's real anchors (0 "Never" to 4 "Almost always"). */
  scale?: { min: number; minLabel: string; max: number; maxLabel: string } | null;
}

/** All of a client's homework in the period: per calendar week and in total. */
export interface HomeworkAdherence extends Adherence {
  weeks: WeekAdherence[];
  /** Each assignment's own figures in the period, for the table beside the chart. */
  assignments: { title: string; frequency: string; done: number; expected: number }[];
}

export interface CheckInPoint {
  date: string;
  feltSafety: number | null;
  promisesKept: number | null;
}

/** Daily repair check-ins of one person; a couple has two series side by side. */
export interface CheckInSeries {
  clientId: string;
  name: string;
  /** The client's partner (their series shows beside the client's for couple work). */
  partner: boolean;
  points: CheckInPoint[];
}

export interface AttendanceSummary {
  completed: number;
  cancelled: number;
  lateCancelled: number;
  noShow: number;
  /** completed ÷ (completed + late cancellations + no-shows); null when none of those. */
  attendanceRate: number | null;
}

export interface RiskFlagEntry {
  instrumentCode: string;
  message: string;
  raisedAt: string;
  acknowledgedAt: string | null;
}

export interface RiskSummary {
  raised: number;
  acknowledged: number;
  flags: RiskFlagEntry[];
  /**
   * Every flag still open when the figures were computed, whenever it was raised (absent in
   * reports made before it existed).
   */
  open?: RiskFlagEntry[];
}

/**
 * Everything the progress dashboard and the PDF report show, computed once by one service so
 * that the two can never disagree.
 */
export interface ClientProgress {
  client: { id: string; name: string; legalName: string; dateOfBirth: string | null };
  range: DateRange;
  generatedAt: string;
  /** Each instrument's scores in the period; change is measured from the first-ever score. */
  measures: MeasureSeries[];
  trustPatterns: TrustPatternsComparison | null;
  homework: HomeworkAdherence;
  checkIns: CheckInSeries[];
  /** Betrayal-timeline events of the period: markers on every chart. */
  timeline: TimelineEvent[];
  attendance: AttendanceSummary;
  risk: RiskSummary;
}

/** Problems with a requested period, or none. */
export function rangeProblems(range: DateRange): string[] {
  if (range.from > range.to) return ['from must be on or before to.'];
  if (range.from < addDays(range.to, -Math.round(MAX_PROGRESS_YEARS * 365.25))) {
    return [`A period covers at most ${MAX_PROGRESS_YEARS} years.`];
  }
  return [];
}

/** Rounds a rate (0–1) to a whole percentage for display; "—" when there is none. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export interface ProgressReportNarrative {
  summary: string;
  goalsAndProgress: string;
  plan: string;
  recommendations: string;
}

export const REPORT_STATUSES = ['draft', 'final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What anyone allowed to know a report exists sees (an admin sees only this). */
export interface ReportSummary {
  id: string;
  clientId: string;
  range: DateRange;
  status: ReportStatus;
  author: { id: string; displayName: string };
  createdAt: string;
  finalizedAt: string | null;
}

export interface ReportListItem extends ReportSummary {
  sharedWithClient: boolean;
}

export interface ReportDetail extends ReportListItem {
  version: number;
  narrative: ProgressReportNarrative;
  /** The data as it was when the report was created: a report does not move under its author. */
  data: ClientProgress;
  /** What the caller may do to it (edit, finalize, share, download either copy). */
  can: ActionOf<'report'>[];
}

export interface CreateReportRequest {
  from: string;
  to: string;
}

export interface UpdateReportRequest {
  version: number;
  narrative?: Partial<ProgressReportNarrative>;
  sharedWithClient?: boolean;
}

/** A finalized report shared with the client, as their portal lists it. */
export interface SharedReport {
  id: string;
  range: DateRange;
  finalizedAt: string;
  therapistName: string;
}

export const NARRATIVE_MAX_CHARS = 20_000;

/**
 * Which copy of a report: `file` holds everything (the clinical record); `release` is what leaves
 * the clinic, for the client or a referrer: no partner's data, no risk section. A client always
 * gets the release copy.
 */
export const REPORT_COPIES = ['file', 'release'] as const;
export type ReportCopy = (typeof REPORT_COPIES)[number];
