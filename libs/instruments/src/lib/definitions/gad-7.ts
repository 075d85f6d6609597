import type { InstrumentDefinition } from '../definition';
import { PHQ_ATTRIBUTION, PHQ_FREQUENCY } from './phq-frequency-scale';

const ITEMS: [string, string][] = [
  ['69725-0', 'Feeling nervous, anxious, or on edge'],
  ['68509-9', 'Not being able to stop or control worrying'],
  ['69733-4', 'Worrying too much about different things'],
  ['69734-2', 'Trouble relaxing'],
  ['69735-9', 'Being so restless that it is hard to sit still'],
  ['69689-8', 'Becoming easily annoyed or irritable'],
  ['69736-7', 'Feeling afraid as if something awful might happen'],
];

/**
 * Generalized Anxiety Disorder 7-item scale. Spitzer, Kroenke, Williams & Löwe, Arch Intern Med
 * 2006;166(10):1092-1097. Total 0-21; bands at 5, 10 and 15.
 */
export const GAD_7: InstrumentDefinition = {
  code: 'GAD-7',
  version: '1',
  title: 'Generalized Anxiety Disorder scale (GAD-7)',
  shortTitle: 'GAD-7',
  clientTitle: 'How worried you have felt',
  measures: 'Anxiety symptoms over the last two weeks',
  instructions:
    'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  kind: 'scored',
  clinicalAid: false,
  scales: { frequency: PHQ_FREQUENCY },
  items: ITEMS.map(([loinc, text], index) => ({
    id: `gad7-${index + 1}`,
    number: index + 1,
    text,
    kind: 'scale' as const,
    scale: 'frequency',
    required: true,
    loinc,
  })),
  total: { itemIds: ITEMS.map((_, index) => `gad7-${index + 1}`), min: 0, max: 21 },
  subscales: [],
  severityBands: [
    { min: 0, max: 4, label: 'Minimal', level: 0 },
    { min: 5, max: 9, label: 'Mild', level: 1 },
    { min: 10, max: 14, label: 'Moderate', level: 2 },
    { min: 15, max: 21, label: 'Severe', level: 3 },
  ],
  cutoffs: [
    {
      score: 10,
      label: 'At or above 10, the screening cut-off for generalized anxiety disorder',
      citation:
        'Spitzer RL, et al. Arch Intern Med 2006;166:1092-1097 (sensitivity 89%, specificity 82%).',
    },
  ],
  riskRules: [],
  diagnosticRules: [],
  reliableChange: {
    kind: 'points',
    points: 4,
    citation:
      'NHS Talking Therapies (IAPT) reliable improvement: a change of 4 or more points (secondary source; check against the current manual).',
  },
  meaningfulChange: {
    kind: 'points',
    points: 4,
    citation:
      'Toussaint A, et al. J Affect Disord 2020;265:395-401, doi:10.1016/j.jad.2020.01.032 (MCID 4 points).',
  },
  asksIndexEvent: false,
  licence:
    'Free to use: no permission required to reproduce, translate, display or distribute (phqscreeners.com).',
  copyright: PHQ_ATTRIBUTION,
  citation:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097.',
  sources: [
    'https://build.fhir.org/ig/HL7/personal-health-record-format-ig/en/QuestionnaireResponse-gad7.html',
  ],
  loinc: { panel: '69737-5', total: '70274-6' },
};

/**
 * Version 2, checked against the published form: its instructions read "bothered by the
 * following problems" (version 1 carried the PHQ-9's "any of the following"), and it ends with
 * the same kind of unscored question as the PHQ-9 about how difficult the problems made daily
 * life, worded as on the GAD-7 form. The scoring is unchanged; administrations given as
 * version 1 keep version 1's wording.
 */
export const GAD_7_V2: InstrumentDefinition = {
  ...GAD_7,
  version: '2',
  instructions:
    'Over the last 2 weeks, how often have you been bothered by the following problems?',
  scales: {
    ...GAD_7.scales,
    difficulty: [
      { value: 0, label: 'Not difficult at all' },
      { value: 1, label: 'Somewhat difficult' },
      { value: 2, label: 'Very difficult' },
      { value: 3, label: 'Extremely difficult' },
    ],
  },
  items: [
    ...GAD_7.items,
    {
      id: 'gad7-difficulty',
      text: 'If you checked off any problems, how difficult have these made it for you to do your work, take care of things at home, or get along with other people?',
      kind: 'scale',
      scale: 'difficulty',
      required: false,
      unscored: true,
      hint: 'Not part of the score.',
    },
  ],
};
