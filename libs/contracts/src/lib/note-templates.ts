import { DISCLOSURE_STATUSES } from './clients';
import { DISCLOSURE_STATUS_LABELS } from './labels';
import type { FieldProblem } from './errors';
import {
  NOTE_CONTENT_MAX_CHARS,
  RISK_LEVELS,
  type NoteContent,
  type NoteField,
  type NoteFieldValue,
  type NoteTemplate,
  type NoteTemplateCode,
  type RiskAssessmentValue,
} from './notes';

export const NERVOUS_SYSTEM_STATES = [
  { value: 'regulated', label: 'Regulated' },
  { value: 'hyperaroused', label: 'Hyperaroused (alarm, agitation, hypervigilance)' },
  { value: 'hypoaroused', label: 'Hypoaroused (flat, foggy, low energy)' },
  { value: 'shut_down', label: 'Shut down (collapse, numbness)' },
];

export const INTERVENTIONS = [
  { value: 'emdr', label: 'EMDR' },
  { value: 'somatic_experiencing', label: 'Somatic experiencing' },
  { value: 'attachment_based', label: 'Attachment-based work' },
  { value: 'couples_repair', label: 'Couples repair' },
  { value: 'psychoeducation', label: 'Psychoeducation' },
  { value: 'other', label: 'Other' },
];

export const RISK_LEVEL_LABELS: Record<(typeof RISK_LEVELS)[number], string> = {
  none: 'None identified',
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
};

const risk: NoteField = { key: 'risk', label: 'Risk assessment', type: 'risk' };
const text = (key: string, label: string, hint?: string, requiredToSign = false): NoteField => ({
  key,
  label,
  type: 'text',
  ...(hint ? { hint } : {}),
  ...(requiredToSign ? { requiredToSign } : {}),
});

/** The templates a therapist writes notes in. Field keys are stable: stored content uses them. */
export const NOTE_TEMPLATES: readonly NoteTemplate[] = [
  {
    code: 'bt_progress',
    name: 'Betrayal-trauma progress note',
    description:
      'Structured for trust-repair work: nervous-system state, triggers, disclosure, boundaries, interventions and homework.',
    kind: 'progress',
    sections: [
      {
        heading: 'Session focus',
        fields: [text('focus', 'What the session was about', undefined, true)],
      },
      {
        heading: 'Presentation',
        fields: [
          {
            key: 'nervousSystem',
            label: 'Nervous-system state observed',
            type: 'multi',
            options: NERVOUS_SYSTEM_STATES,
            hint: 'Choose each state seen during the session.',
          },
          text('triggers', 'Triggers discussed'),
          {
            key: 'disclosureStage',
            label: 'Disclosure stage',
            type: 'choice',
            options: DISCLOSURE_STATUSES.map((value) => ({
              value,
              label: DISCLOSURE_STATUS_LABELS[value],
            })),
          },
          text('boundaries', 'Boundaries worked on'),
          text('presentationNotes', 'Presentation notes'),
        ],
      },
      {
        heading: 'Interventions',
        fields: [
          {
            key: 'interventions',
            label: 'Interventions used',
            type: 'multi',
            options: INTERVENTIONS,
          },
          text('interventionNotes', 'How they were used'),
        ],
      },
      {
        heading: 'Homework',
        fields: [text('homeworkReviewed', 'Reviewed'), text('homeworkAssigned', 'Assigned')],
      },
      { heading: 'Risk', fields: [risk] },
      {
        heading: 'Progress and plan',
        fields: [text('progress', 'Response and progress'), text('plan', 'Plan', undefined, true)],
      },
    ],
  },
  {
    code: 'soap',
    name: 'SOAP',
    description: 'Subjective, objective, assessment, plan.',
    kind: 'progress',
    sections: [
      {
        heading: 'Subjective',
        fields: [text('subjective', 'What the client reported', undefined, true)],
      },
      { heading: 'Objective', fields: [text('objective', 'What the therapist observed')] },
      { heading: 'Assessment', fields: [text('assessment', 'Clinical assessment'), risk] },
      { heading: 'Plan', fields: [text('plan', 'Plan', undefined, true)] },
    ],
  },
  {
    code: 'dap',
    name: 'DAP',
    description: 'Data, assessment, plan.',
    kind: 'progress',
    sections: [
      { heading: 'Data', fields: [text('data', 'What was said and observed', undefined, true)] },
      { heading: 'Assessment', fields: [text('assessment', 'Clinical assessment'), risk] },
      { heading: 'Plan', fields: [text('plan', 'Plan', undefined, true)] },
    ],
  },
  {
    code: 'birp',
    name: 'BIRP',
    description: 'Behaviour, intervention, response, plan.',
    kind: 'progress',
    sections: [
      {
        heading: 'Behaviour',
        fields: [text('behaviour', 'Presentation and behaviour', undefined, true)],
      },
      { heading: 'Intervention', fields: [text('intervention', 'What the therapist did')] },
      { heading: 'Response', fields: [text('response', 'How the client responded'), risk] },
      { heading: 'Plan', fields: [text('plan', 'Plan', undefined, true)] },
    ],
  },
  {
    code: 'intake',
    name: 'Intake assessment',
    description:
      'The first full assessment: why the client came, their history, risk, and the plan.',
    kind: 'progress',
    sections: [
      {
        heading: 'Reason for seeking help',
        fields: [
          text('presentingConcern', 'Presenting concern, in the client’s words', undefined, true),
        ],
      },
      {
        heading: 'History',
        fields: [
          text('betrayalHistory', 'The betrayal and how it was discovered'),
          text('relevantHistory', 'Earlier history (family, attachment, past relationships)'),
        ],
      },
      {
        heading: 'Presentation',
        fields: [
          {
            key: 'nervousSystem',
            label: 'Nervous-system state observed',
            type: 'multi',
            options: NERVOUS_SYSTEM_STATES,
          },
          text('mentalStatus', 'Mental status'),
          text('measuresSummary', 'Measures and trust patterns at intake'),
        ],
      },
      { heading: 'Risk', fields: [risk] },
      {
        heading: 'Formulation and plan',
        fields: [
          text('formulation', 'Clinical impressions'),
          text('goals', 'Treatment goals', undefined, true),
          text('recommendations', 'Recommendations'),
        ],
      },
    ],
  },
  {
    code: 'process',
    name: 'Psychotherapy note (private)',
    description:
      'Your own process notes. Only you can read them; they never appear in reports, exports or records requests.',
    kind: 'psychotherapy',
    sections: [
      {
        heading: 'Process',
        fields: [
          text('process', 'Process and impressions', undefined, true),
          text('hypotheses', 'Working hypotheses'),
          text('selfReflection', 'Own reactions (countertransference)'),
        ],
      },
    ],
  },
];

export function noteTemplate(code: string): NoteTemplate | undefined {
  return NOTE_TEMPLATES.find((template) => template.code === code);
}

export function isNoteTemplateCode(code: string): code is NoteTemplateCode {
  return noteTemplate(code) !== undefined;
}

export function templateFields(template: NoteTemplate): NoteField[] {
  return template.sections.flatMap((section) => section.fields);
}

/** How many characters of text a note holds, for the size limit. */
export function noteContentLength(content: NoteContent): number {
  let total = 0;
  for (const value of Object.values(content)) {
    if (typeof value === 'string') total += value.length;
    else if (Array.isArray(value)) total += value.join('').length;
    else total += value.plan?.length ?? 0;
  }
  return total;
}

/**
 * Problems with a note's shape: unknown fields, values of the wrong kind or outside the options,
 * too much text. A draft may be unfinished, so this does not ask for anything to be filled in.
 */
export function contentProblems(template: NoteTemplate, content: NoteContent): FieldProblem[] {
  const fields = new Map(templateFields(template).map((field) => [field.key, field]));
  const problems: FieldProblem[] = [];
  const add = (key: string, problem: string) =>
    problems.push({ field: `content.${key}`, problems: [problem] });
  for (const [key, value] of Object.entries(content)) {
    const field = fields.get(key);
    if (!field) {
      add(key, `The ${template.name} template has no field "${key}".`);
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) add(key, problem);
  }
  if (noteContentLength(content) > NOTE_CONTENT_MAX_CHARS) {
    problems.push({
      field: 'content',
      problems: [
        `A note holds at most ${NOTE_CONTENT_MAX_CHARS.toLocaleString('en-US')} characters.`,
      ],
    });
  }
  return problems;
}

function valueProblem(field: NoteField, value: NoteFieldValue): string | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : `${field.label} must be text.`;
    case 'choice':
      return typeof value === 'string' && field.options.some((option) => option.value === value)
        ? null
        : `${field.label} must be one of: ${field.options.map((option) => option.value).join(', ')}.`;
    case 'multi':
      return Array.isArray(value) &&
        value.every((item) => field.options.some((option) => option.value === item)) &&
        new Set(value).size === value.length
        ? null
        : `${field.label} must be a list of: ${field.options.map((option) => option.value).join(', ')}.`;
    case 'risk':
      return riskProblem(value);
  }
}

function riskProblem(value: NoteFieldValue): string | null {
  if (typeof value !== 'object' || Array.isArray(value)) {
    return 'Risk assessment must give a level (and a plan above low).';
  }
  const { level, plan, ...rest } = value as RiskAssessmentValue & Record<string, unknown>;
  if (Object.keys(rest).length > 0) return 'Risk assessment holds only a level and a plan.';
  if (!RISK_LEVELS.includes(level)) return `Risk level must be one of: ${RISK_LEVELS.join(', ')}.`;
  if (plan !== undefined && typeof plan !== 'string') return 'The safety plan must be text.';
  return null;
}

/**
 * What must be true before a note can be signed: the template's essential fields written, a risk
 * level recorded where the template asks for one, and a safety plan whenever risk is above low.
 */
export function signingProblems(template: NoteTemplate, content: NoteContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of templateFields(template)) {
    const value = content[field.key];
    if (field.type === 'risk') {
      const assessed = value as RiskAssessmentValue | undefined;
      if (!assessed) {
        problems.push({ field: 'content.risk', problems: ['Record a risk level before signing.'] });
      } else if (
        (assessed.level === 'moderate' || assessed.level === 'high') &&
        !assessed.plan?.trim()
      ) {
        problems.push({
          field: 'content.risk',
          problems: [`A ${assessed.level} risk level needs a safety plan.`],
        });
      }
    } else if ('requiredToSign' in field && field.requiredToSign && isBlank(value)) {
      problems.push({
        field: `content.${field.key}`,
        problems: [`Write "${field.label}" before signing.`],
      });
    }
  }
  return problems;
}

function isBlank(value: NoteFieldValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** Choice and list values printed as their labels, the risk assessment as level and plan. */
export function describeNoteValue(field: NoteField, value: NoteFieldValue): string {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'choice':
      return (
        field.options.find((option) => option.value === value)?.label ??
        (typeof value === 'string' ? value : '')
      );
    case 'multi':
      return (Array.isArray(value) ? value : [])
        .map((item) => field.options.find((option) => option.value === item)?.label ?? item)
        .join(', ');
    case 'risk': {
      const risk = value as RiskAssessmentValue;
      const level = `Risk level: ${RISK_LEVEL_LABELS[risk.level]}.`;
      return risk.plan?.trim() ? `${level} Safety plan: ${risk.plan.trim()}` : level;
    }
  }
}
