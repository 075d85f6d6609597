import type {
  AssessmentDetail,
  AssessmentListItem,
  AssessmentResult,
  AssessmentSummary,
  CrisisSupport,
  InSessionRiskPrompt,
  ResultInterpretationView,
  RiskFlagView,
} from '@cairn/contracts';
import { clientTitleOf, type InstrumentDefinition, type ScoreResult } from '@cairn/instruments';
import type { Assessment } from './entities/assessment.entity';

/** What a completed administration stores as its result. */
export function toResult(definition: InstrumentDefinition, score: ScoreResult): AssessmentResult {
  return {
    total: score.total,
    maxTotal: definition.total?.max ?? null,
    severity: score.severity ? { label: score.severity.label, level: score.severity.level } : null,
    subscales: score.subscales,
    cutoffsReached: score.cutoffsReached.map((cutoff) => cutoff.label),
    // Stored at completion, when every rule is known.
    diagnostic: score.diagnostic.map((finding) => ({ ...finding, met: finding.met === true })),
  };
}

export function toSummary(
  assessment: Assessment,
  definition: InstrumentDefinition,
  today: string,
): AssessmentSummary {
  return {
    id: assessment.id,
    clientId: assessment.clientId,
    instrumentCode: assessment.instrumentCode,
    instrumentVersion: assessment.instrumentVersion,
    instrumentTitle: definition.title,
    // An earlier version without a plain title of its own takes the current one's.
    clientTitle: definition.clientTitle ?? clientTitleOf(definition.code, definition.title),
    mode: assessment.mode,
    status: assessment.status,
    dueOn: assessment.dueOn,
    overdue:
      assessment.status === 'in_progress' && assessment.dueOn !== null && assessment.dueOn < today,
    createdAt: assessment.createdAt.toISOString(),
    completedAt: assessment.completedAt?.toISOString() ?? null,
    replacesId: assessment.replacesId,
  };
}

/**
 * The columns a list row needs (`toSummary`, `toListItem`): never the sealed answers or index
 * event, so listing a client's administrations decrypts nothing.
 */
export const LIST_COLUMNS = [
  'id',
  'clientId',
  'instrumentCode',
  'instrumentVersion',
  'mode',
  'status',
  'dueOn',
  'result',
  'replacesId',
  'sharedWithClient',
  'createdAt',
  'completedAt',
] as const satisfies readonly (keyof Assessment)[];

export function toListItem(
  assessment: Assessment,
  definition: InstrumentDefinition,
  today: string,
  withResult: boolean,
): AssessmentListItem {
  const summary = toSummary(assessment, definition, today);
  return withResult ? { ...summary, result: assessment.result } : summary;
}

export function toDetail(
  assessment: Assessment,
  definition: InstrumentDefinition,
  today: string,
  options: {
    withResult: boolean;
    risks: RiskFlagView[];
    can: AssessmentDetail['can'];
    support?: CrisisSupport | InSessionRiskPrompt | null;
    interpretation?: ResultInterpretationView | null;
  },
): AssessmentDetail {
  return {
    ...toSummary(assessment, definition, today),
    answers: assessment.answers,
    indexEvent: assessment.indexEvent,
    sharedWithClient: assessment.sharedWithClient,
    result: options.withResult ? assessment.result : null,
    risks: options.risks,
    can: options.can,
    support: options.support ?? null,
    interpretation: options.interpretation ?? null,
  };
}
