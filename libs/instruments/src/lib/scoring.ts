import {
  scaleMax,
  type AnswerValue,
  type Answers,
  type Cutoff,
  type InstrumentDefinition,
  type InstrumentItem,
  type ScaleItem,
  type SeverityBand,
} from './definition';

export interface AnswerProblem {
  itemId: string;
  problem: string;
}

export interface RaisedRisk {
  ruleId: string;
  itemId: string;
  value: number;
  message: string;
}

export interface SubscaleScore {
  id: string;
  label: string;
  /** Null while any of its items is unanswered. */
  score: number | null;
}

export interface DiagnosticFinding {
  id: string;
  label: string;
  /**
   * Null while it cannot be known yet: an unfinished form that does not meet the rule may still
   * meet it (an answer can only add endorsed items), so "not met" waits for the last answer.
   */
  met: boolean | null;
}

export interface ScoreResult {
  answered: number;
  /** Required items without an answer, in item order. */
  missing: string[];
  complete: boolean;
  /** Null until every item of the total is answered: a partial sum is not a score. */
  total: number | null;
  /** Sum of the total's items answered so far, for a live preview while answering. */
  partialTotal: number;
  subscales: SubscaleScore[];
  severity: SeverityBand | null;
  cutoffsReached: Cutoff[];
  diagnostic: DiagnosticFinding[];
  /** Raised on any answer that meets a rule, complete or not: risk is never buried in a score. */
  risks: RaisedRisk[];
}

/** Checks each answer against its item: unknown items and values outside the options are named. */
export function validateAnswers(
  definition: InstrumentDefinition,
  answers: Answers,
): AnswerProblem[] {
  const items = new Map(definition.items.map((item) => [item.id, item]));
  const problems: AnswerProblem[] = [];
  for (const [itemId, value] of Object.entries(answers)) {
    const item = items.get(itemId);
    if (!item) {
      problems.push({ itemId, problem: `${itemId} is not an item of ${definition.code}` });
      continue;
    }
    const problem = answerProblem(definition, item, value);
    if (problem) problems.push({ itemId, problem });
  }
  return problems;
}

function answerProblem(
  definition: InstrumentDefinition,
  item: InstrumentItem,
  value: AnswerValue,
): string | null {
  switch (item.kind) {
    case 'scale': {
      const allowed = (definition.scales[item.scale] ?? []).map((option) => option.value);
      return typeof value === 'number' && allowed.includes(value)
        ? null
        : `${item.id} must be one of ${allowed.join(', ')}`;
    }
    case 'choice': {
      const allowed = item.options.map((option) => option.value);
      return typeof value === 'string' && allowed.includes(value)
        ? null
        : `${item.id} must be one of ${allowed.join(', ')}`;
    }
    case 'multi-choice': {
      const allowed = item.options.map((option) => option.value);
      const valid =
        Array.isArray(value) &&
        value.every((entry) => allowed.includes(entry)) &&
        new Set(value).size === value.length;
      return valid
        ? null
        : `${item.id} must be a list of distinct values from ${allowed.join(', ')}`;
    }
    case 'yes-no':
      return typeof value === 'boolean' ? null : `${item.id} must be true or false`;
    case 'text':
      return typeof value === 'string' && value.length <= item.maxLength
        ? null
        : `${item.id} must be text of at most ${item.maxLength} characters`;
  }
}

function scoredValue(definition: InstrumentDefinition, item: ScaleItem, raw: number): number {
  return item.reverse ? scaleMax(definition, item) - raw : raw;
}

/**
 * Scores a set of answers by the definition's published rules. Pure: the API stores what this
 * returns, and the screens use it for the live preview, so the two cannot disagree.
 */
export function scoreAnswers(definition: InstrumentDefinition, answers: Answers): ScoreResult {
  const scaleItems = new Map(
    definition.items
      .filter((item): item is ScaleItem => item.kind === 'scale')
      .map((item) => [item.id, item]),
  );
  const value = (itemId: string): number | null => {
    const item = scaleItems.get(itemId);
    const raw = answers[itemId];
    return item && typeof raw === 'number' ? scoredValue(definition, item, raw) : null;
  };
  const sumOf = (itemIds: string[]) =>
    itemIds.reduce((sum, itemId) => sum + (value(itemId) ?? 0), 0);
  const allAnswered = (itemIds: string[]) => itemIds.every((itemId) => value(itemId) !== null);

  const missing = definition.items
    .filter((item) => item.required && !isAnswered(answers[item.id]))
    .map((item) => item.id);
  const totalItems = definition.total?.itemIds ?? [];
  const total = definition.total && allAnswered(totalItems) ? sumOf(totalItems) : null;

  const subscales = definition.subscales.map((subscale) => {
    if (!allAnswered(subscale.itemIds))
      return { id: subscale.id, label: subscale.label, score: null };
    const sum = sumOf(subscale.itemIds);
    const score = subscale.aggregate === 'sum' ? sum : round2(sum / subscale.itemIds.length);
    return { id: subscale.id, label: subscale.label, score };
  });

  const diagnostic = definition.diagnosticRules.map((rule) => {
    const metSoFar = Object.entries(rule.minimumEndorsed).every(([subscaleId, minimum]) => {
      const itemIds =
        definition.subscales.find((subscale) => subscale.id === subscaleId)?.itemIds ?? [];
      return itemIds.filter((itemId) => (value(itemId) ?? -1) >= rule.endorsedAt).length >= minimum;
    });
    return { id: rule.id, label: rule.label, met: metSoFar ? true : total !== null ? false : null };
  });

  const risks = definition.riskRules.flatMap((rule) => {
    const raw = answers[rule.itemId];
    return typeof raw === 'number' && raw >= rule.atLeast
      ? [{ ruleId: rule.id, itemId: rule.itemId, value: raw, message: rule.message }]
      : [];
  });

  return {
    answered: definition.items.filter((item) => isAnswered(answers[item.id])).length,
    missing,
    complete: missing.length === 0,
    total,
    partialTotal: sumOf(totalItems),
    subscales,
    severity:
      total === null
        ? null
        : (definition.severityBands.find((band) => total >= band.min && total <= band.max) ?? null),
    cutoffsReached:
      total === null ? [] : definition.cutoffs.filter((cutoff) => total >= cutoff.score),
    diagnostic,
    risks,
  };
}

function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** What a result means in its context: the note always read with it, and the context given. */
export interface ResultInterpretation {
  note: string;
  /** The chosen options of the context items, e.g. "After I discovered a partner's betrayal". */
  context: string[];
  /** Notes chosen by that context. */
  notes: string[];
}

/** The interpretation of a set of answers, or null for an instrument that has none. */
export function interpretAnswers(
  definition: InstrumentDefinition,
  answers: Answers,
): ResultInterpretation | null {
  const guide = definition.interpretation;
  if (!guide) return null;
  const context = guide.contextItemIds.flatMap((itemId) => {
    const item = definition.items.find((candidate) => candidate.id === itemId);
    const answer = answers[itemId];
    if (!item || item.kind !== 'choice' || typeof answer !== 'string') return [];
    const label = item.options.find((option) => option.value === answer)?.label;
    return label ? [label] : [];
  });
  const notes = guide.contextNotes
    .filter((candidate) =>
      Object.entries(candidate.when).every(([itemId, values]) => {
        const answer = answers[itemId];
        return typeof answer === 'string' && values.includes(answer);
      }),
    )
    .map((candidate) => candidate.note);
  return { note: guide.note, context, notes };
}
