import type { AnswerValue, Answers } from '@cairn/contracts';

export type { AnswerValue, Answers };

/**
 * An instrument is data: a versioned definition of items, response options, scoring and
 * interpretation, with its licence and sources. Adding an instrument means adding a definition
 * and its tests; the engine, the API and the screens need no change.
 */

export interface ResponseOption {
  value: number;
  label: string;
  /** LOINC answer code, where one is verified (e.g. LA6568-5 "Not at all"). */
  loinc?: string;
}

export interface ChoiceOption {
  value: string;
  label: string;
}

interface ItemBase {
  /** Stable id, also the FHIR linkId. */
  id: string;
  /** The number printed beside the item, when the instrument numbers its items. */
  number?: number;
  text: string;
  required: boolean;
  /** LOINC code of the item, only where verified. */
  loinc?: string;
  /** A short note under the item (e.g. "this item is not scored"). */
  hint?: string;
}

/** A rated item: one of the response scale's options; counts towards the scores. */
export interface ScaleItem extends ItemBase {
  kind: 'scale';
  scale: string;
  /** Scored as (max - value); for positively worded items. */
  reverse?: boolean;
  /** Rated but not part of any score (e.g. PHQ-9's difficulty question). */
  unscored?: boolean;
}

export interface ChoiceItem extends ItemBase {
  kind: 'choice';
  options: ChoiceOption[];
}

export interface MultiChoiceItem extends ItemBase {
  kind: 'multi-choice';
  options: ChoiceOption[];
}

export interface YesNoItem extends ItemBase {
  kind: 'yes-no';
}

export interface TextItem extends ItemBase {
  kind: 'text';
  maxLength: number;
}

export type InstrumentItem = ScaleItem | ChoiceItem | MultiChoiceItem | YesNoItem | TextItem;

export interface Subscale {
  id: string;
  label: string;
  itemIds: string[];
  /** How items combine: the sum (PCL-5 clusters) or the mean (scales of unequal length). */
  aggregate: 'sum' | 'mean';
}

export interface SeverityBand {
  min: number;
  max: number;
  label: string;
  /** 0 (none or minimal) upwards, for colour and sorting. */
  level: number;
}

export interface Cutoff {
  score: number;
  label: string;
  citation: string;
}

export interface RiskRule {
  id: string;
  itemId: string;
  /** Raised when the item's value is at least this. */
  atLeast: number;
  message: string;
}

/**
 * A symptom-count rule for a provisional diagnosis: an item counts as endorsed at `endorsedAt` or
 * above, and each subscale needs at least its number of endorsed items (PCL-5's DSM-5 rule).
 */
export interface DiagnosticRule {
  id: string;
  label: string;
  endorsedAt: number;
  minimumEndorsed: Record<string, number>;
  citation: string;
}

/**
 * A note read with every result, because a score alone can mislead: for the Trust Patterns
 * Inventory, high scores in the months after a discovery describe the injury and the body's
 * protection, not a flaw. `contextNotes` add a sentence chosen by the answers to unscored
 * context items (where the person stands: before or after a discovery, and how long since).
 */
export interface Interpretation {
  note: string;
  /** The same in words for the client, when a result is shared with them. */
  clientNote?: string;
  /** Unscored items whose chosen options describe the context of the answers. */
  contextItemIds: string[];
  contextNotes: ContextNote[];
}

export interface ContextNote {
  /** Shown when, for every item named, the answer is one of the values listed. */
  when: Record<string, string[]>;
  note: string;
}

/** A change threshold in points, or computed with Jacobson and Truax's reliable change index. */
export type ChangeThreshold =
  | { kind: 'points'; points: number; citation: string }
  | { kind: 'jacobson-truax'; sd: number; reliability: number; citation: string };

export interface InstrumentDefinition {
  code: string;
  version: string;
  title: string;
  shortTitle: string;
  /**
   * The name a client sees in the portal: plain and kind, with no diagnosis in it (the clinical
   * title stays for the therapist). Someone glancing at the screen learns nothing from it.
   */
  clientTitle?: string;
  /** What it measures, in one line for the therapist. */
  measures: string;
  instructions: string;
  /** `scored` instruments give numbers to trend; a `form` feeds structured answers to the file. */
  kind: 'scored' | 'form';
  /** Written by the Cairn team as a screening aid; not a validated instrument. */
  clinicalAid: boolean;
  scales: Record<string, ResponseOption[]>;
  items: InstrumentItem[];
  /** Items in the total; absent for instruments without one. */
  total?: { itemIds: string[]; min: number; max: number };
  subscales: Subscale[];
  severityBands: SeverityBand[];
  cutoffs: Cutoff[];
  riskRules: RiskRule[];
  diagnosticRules: DiagnosticRule[];
  reliableChange?: ChangeThreshold;
  meaningfulChange?: ChangeThreshold;
  /**
   * Higher scores mean more of what the person is building (self-trust), not more symptoms:
   * change is read the other way round.
   */
  higherIsBetter?: boolean;
  /** Read with every result view and PDF. */
  interpretation?: Interpretation;
  /** The scores only mean something against an event (PCL-5: the discovery of the betrayal). */
  asksIndexEvent: boolean;
  licence: string;
  copyright: string;
  citation: string;
  sources: string[];
  loinc?: { panel?: string; total?: string };
}

export function scaleMax(definition: InstrumentDefinition, item: ScaleItem): number {
  const options = definition.scales[item.scale] ?? [];
  return Math.max(...options.map((option) => option.value));
}
