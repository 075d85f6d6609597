import type { Answers, ChoiceItem, InstrumentDefinition, TextItem } from './definition';
import { validateAnswers, type AnswerProblem } from './scoring';

/**
 * Cairn's own safety screen before conjoint (couples) work. Repair work together is unsafe where
 * there is violence or coercive control, so each partner answers it separately and privately
 * (in session alone, or in their own portal). It is a structured clinical aid written by the
 * Cairn team, not a validated instrument (a published screen would need a verified licence), and
 * it decides nothing by itself: any answer other than "No" asks the treating therapist for a
 * private conversation and a recorded decision before a couples session is booked.
 *
 * It is deliberately NOT in the instrument registry: it is stored apart from assessments, never
 * listed with them, never trended, never in a report, never visible to the other partner.
 */
const ANSWERS = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'unsure', label: 'Not sure' },
  { value: 'private', label: 'I would rather talk about this with my therapist alone' },
];

/** [id, area, question] */
const QUESTIONS: [string, string, string][] = [
  [
    'physical',
    'Physical harm',
    'Has your partner hit, pushed, grabbed, choked or otherwise hurt you physically?',
  ],
  ['fear', 'Fear of the partner', 'Are you afraid of your partner, or of how they might react?'],
  [
    'threats',
    'Threats',
    'Has your partner threatened to hurt you, themselves, your children, your pets or someone close to you?',
  ],
  [
    'monitoring',
    'Monitoring',
    'Does your partner track or go through your phone, messages, accounts or whereabouts in a way you have not agreed to, or feel you cannot refuse?',
  ],
  [
    'money',
    'Control of money',
    'Does your partner control your money, or keep you from having money of your own?',
  ],
  [
    'movement',
    'Control of movement or friends',
    'Does your partner stop you from seeing friends or family, or from going where you want to go?',
  ],
  [
    'sexual',
    'Sexual coercion',
    'Has your partner pressured or forced you into sexual activity you did not want?',
  ],
  [
    'weapons',
    'Weapons',
    'Has your partner threatened you with a weapon, or do they have a gun or other weapon that worries you?',
  ],
  [
    'conjoint',
    'Safety in joint sessions',
    'Could speaking openly in a session with your partner present put you at risk afterwards?',
  ],
];

/** Harm that needs the therapist's attention today, not only before the next joint session. */
const URGENT_WHEN_YES = ['physical', 'threats', 'sexual', 'weapons'];

const questionItems: ChoiceItem[] = QUESTIONS.map(([id, , text], index) => ({
  id,
  number: index + 1,
  text,
  kind: 'choice',
  required: true,
  options: ANSWERS,
}));

const anythingElse: TextItem = {
  id: 'anythingElse',
  text: 'Is there anything else about your safety that you would like your therapist to know?',
  kind: 'text',
  required: false,
  maxLength: 2000,
};

export const SAFETY_SCREEN: InstrumentDefinition = {
  code: 'SAFETY',
  version: '1',
  title: 'Safety before joint sessions',
  shortTitle: 'Safety screen',
  measures: 'Violence, fear and coercive control in the relationship, before couples work',
  instructions:
    'These questions are about your relationship with your partner, now and in the past 12 months. Your answers go only to your therapist: your partner never sees them, and they are never part of joint sessions or shared documents. Answer only if it is safe to do so where you are.',
  kind: 'form',
  clinicalAid: true,
  scales: {},
  items: [...questionItems, anythingElse],
  subscales: [],
  severityBands: [],
  cutoffs: [],
  riskRules: [],
  diagnosticRules: [],
  asksIndexEvent: false,
  licence: 'Written by the Cairn team; free to use within Cairn.',
  copyright: '© Cairn. A structured clinical aid, not a validated instrument.',
  citation:
    'Cairn safety screen before conjoint work, version 1. Areas from the clinical practice of screening each partner privately for violence and coercive control before couples therapy.',
  sources: [],
};

export type SafetyAnswer = 'no' | 'yes' | 'unsure' | 'private';

export interface SafetyConcern {
  itemId: string;
  area: string;
  /** The answer given, or `written` for something written under "anything else". */
  answer: SafetyAnswer | 'written';
}

export interface SafetyScreenResult {
  /** Any answer other than "No": a safety review goes on both partners' charts. */
  needsReview: boolean;
  /** Physical harm, threats, sexual coercion or weapons answered "Yes": talk today. */
  urgent: boolean;
  concerns: SafetyConcern[];
  /** Questions not answered yet. */
  missing: string[];
  complete: boolean;
}

const AREAS = new Map(QUESTIONS.map(([id, area]) => [id, area]));

/** Answers checked against the screen: unknown items and values outside the options are named. */
export function safetyScreenProblems(answers: Answers): AnswerProblem[] {
  return validateAnswers(SAFETY_SCREEN, answers);
}

/**
 * The screen's rules. Uncertainty, a wish to talk privately, and anything written count as
 * much as "Yes": the
 * cost of a review that turns out unneeded is one conversation; the cost of missing coercion is
 * couples work that puts someone at risk.
 */
export function evaluateSafetyScreen(answers: Answers): SafetyScreenResult {
  const concerns: SafetyConcern[] = [];
  const missing: string[] = [];
  for (const [id] of QUESTIONS) {
    const answer = answers[id];
    if (typeof answer !== 'string') {
      missing.push(id);
      continue;
    }
    if (answer !== 'no') {
      concerns.push({ itemId: id, area: AREAS.get(id) ?? id, answer: answer as SafetyAnswer });
    }
  }
  // Words written to the therapist about safety are always read before joint work.
  const written = answers[anythingElse.id];
  if (typeof written === 'string' && written.trim() !== '') {
    concerns.push({
      itemId: anythingElse.id,
      area: 'Something written to the therapist',
      answer: 'written',
    });
  }
  return {
    needsReview: concerns.length > 0,
    urgent: concerns.some(
      (concern) => concern.answer === 'yes' && URGENT_WHEN_YES.includes(concern.itemId),
    ),
    concerns,
    missing,
    complete: missing.length === 0,
  };
}
