import type { CheckInAnswers } from '@cairn/contracts';

/**
 * Check-in forms are data, like the instruments: a short structured form a client fills in as
 * homework. Adding a check-in is a definition here and its tests; the API validates answers with
 * `validateCheckIn` and the portal draws the form from the same definition.
 */

interface CheckInItemBase {
  id: string;
  /** The question as the client reads it. */
  text: string;
  /** A short name for the therapist's view and charts. */
  label: string;
  required: boolean;
}

export interface CheckInScaleItem extends CheckInItemBase {
  kind: 'scale';
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface CheckInChoiceItem extends CheckInItemBase {
  kind: 'choice';
  options: { value: string; label: string }[];
}

export interface CheckInTextItem extends CheckInItemBase {
  kind: 'text';
  hint?: string;
  maxLength: number;
}

export type CheckInItem = CheckInScaleItem | CheckInChoiceItem | CheckInTextItem;

export interface CheckInForm {
  code: string;
  version: string;
  title: string;
  items: CheckInItem[];
}

/** The daily repair check-in of couple work: written by the Cairn team from DOMAIN.md. */
export const DAILY_REPAIR_CHECK_IN: CheckInForm = {
  code: 'daily-repair',
  version: '1',
  title: 'Daily repair check-in',
  items: [
    {
      id: 'feltSafety',
      kind: 'scale',
      text: 'How safe did you feel with your partner today?',
      label: 'Felt safety',
      min: 0,
      max: 10,
      minLabel: 'Not safe at all',
      maxLabel: 'Completely safe',
      required: true,
    },
    {
      id: 'promisesKept',
      kind: 'choice',
      text: 'Were the small promises made today kept?',
      label: 'Promises kept',
      options: [
        { value: 'all', label: 'Yes, all of them' },
        { value: 'some', label: 'Some of them' },
        { value: 'none', label: 'Not today' },
        { value: 'no_promises', label: 'No promises were made today' },
      ],
      required: true,
    },
    {
      id: 'honestMoment',
      kind: 'text',
      text: 'One honest moment from today',
      label: 'Honest moment',
      hint: 'Something said or done openly, by either of you. A sentence is enough.',
      maxLength: 1000,
      required: false,
    },
    {
      id: 'gutSense',
      kind: 'choice',
      text: 'What is your gut telling you today?',
      label: 'Gut sense',
      options: [
        { value: 'settled', label: 'Calm and settled' },
        { value: 'uneasy', label: 'A little uneasy' },
        { value: 'alarmed', label: 'On high alert' },
        { value: 'unsure', label: 'Hard to tell' },
      ],
      required: true,
    },
  ],
};

export const CHECK_IN_FORMS: readonly CheckInForm[] = [DAILY_REPAIR_CHECK_IN];

export function checkInForm(code: string): CheckInForm | undefined {
  return CHECK_IN_FORMS.find((form) => form.code === code);
}

export interface CheckInProblem {
  /** The field as the API names it: `answers.<item id>`. */
  field: string;
  problem: string;
}

/** Every problem with a set of answers: unknown items, missing required ones, values out of range. */
export function validateCheckIn(form: CheckInForm, answers: CheckInAnswers): CheckInProblem[] {
  const problems: CheckInProblem[] = [];
  for (const id of Object.keys(answers)) {
    if (!form.items.some((item) => item.id === id)) {
      problems.push({
        field: `answers.${id}`,
        problem: `${id} is not a question of this check-in`,
      });
    }
  }
  for (const item of form.items) {
    const field = `answers.${item.id}`;
    const value = answers[item.id];
    if (value === undefined || value === null || value === '') {
      if (item.required) problems.push({ field, problem: `${item.id} needs an answer` });
      continue;
    }
    const problem = itemProblem(item, value);
    if (problem) problems.push({ field, problem });
  }
  return problems;
}

function itemProblem(item: CheckInItem, value: number | string): string | null {
  switch (item.kind) {
    case 'scale':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= item.min &&
        value <= item.max
        ? null
        : `${item.id} must be a whole number from ${item.min} to ${item.max}`;
    case 'choice':
      return typeof value === 'string' && item.options.some((option) => option.value === value)
        ? null
        : `${item.id} must be one of ${item.options.map((option) => option.value).join(', ')}`;
    case 'text':
      if (typeof value !== 'string') return `${item.id} must be text`;
      return value.length > item.maxLength
        ? `${item.id} must be at most ${item.maxLength} characters`
        : null;
  }
}

/** Answers as stored: text trimmed, blanks dropped. */
export function normaliseCheckIn(form: CheckInForm, answers: CheckInAnswers): CheckInAnswers {
  const result: CheckInAnswers = {};
  for (const item of form.items) {
    const value = answers[item.id];
    if (value === undefined || value === null) continue;
    const clean = typeof value === 'string' ? value.trim() : value;
    if (clean !== '') result[item.id] = clean;
  }
  return result;
}

/** One day of the daily repair check-in, for charts and progress reports. */
export interface RepairCheckInPoint {
  date: string;
  feltSafety: number | null;
  /** 1 all kept, 0.5 some, 0 none; null when no promises were made or it was not answered. */
  promisesKept: number | null;
}

const PROMISE_SCORES: Record<string, number | null> = {
  all: 1,
  some: 0.5,
  none: 0,
  no_promises: null,
};

/**
 * A client's daily repair check-ins as a series by date (oldest first), one point per day. Give it
 * the entries of that client's daily-repair assignments.
 */
export function repairCheckInSeries(
  entries: readonly { occursOn: string; answers: CheckInAnswers | null }[],
): RepairCheckInPoint[] {
  const byDate = new Map<string, RepairCheckInPoint>();
  for (const entry of entries) {
    const answers = entry.answers ?? {};
    const safety = answers['feltSafety'];
    const promises = answers['promisesKept'];
    byDate.set(entry.occursOn, {
      date: entry.occursOn,
      feltSafety: typeof safety === 'number' ? safety : null,
      promisesKept: typeof promises === 'string' ? (PROMISE_SCORES[promises] ?? null) : null,
    });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** One answer as words for a reader: "6 of 10", an option's label, or the text itself. */
export function describeCheckInAnswer(
  item: CheckInItem,
  value: number | string | null | undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (item.kind) {
    case 'scale':
      return `${value} of ${item.max}`;
    case 'choice':
      return item.options.find((option) => option.value === value)?.label ?? String(value);
    case 'text':
      return String(value);
  }
}
