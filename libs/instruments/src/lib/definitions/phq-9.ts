import type { InstrumentDefinition } from '../definition';
import { PHQ_ATTRIBUTION, PHQ_FREQUENCY } from './phq-frequency-scale';

const ITEMS: [string, string][] = [
  ['44250-9', 'Little interest or pleasure in doing things'],
  ['44255-8', 'Feeling down, depressed, or hopeless'],
  ['44259-0', 'Trouble falling or staying asleep, or sleeping too much'],
  ['44254-1', 'Feeling tired or having little energy'],
  ['44251-7', 'Poor appetite or overeating'],
  [
    '44258-2',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  ],
  [
    '44252-5',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
  ],
  [
    '44253-3',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  ],
  ['44260-8', 'Thoughts that you would be better off dead, or of hurting yourself in some way'],
];

/**
 * Patient Health Questionnaire-9 (depression). Kroenke, Spitzer & Williams, J Gen Intern Med
 * 2001;16:606-613. Total 0-27; bands at 5, 10, 15 and 20. Item 9 above 0 raises a risk flag
 * whatever the total; an item 9 of 0 is never read as "no risk" (Louzon et al., Psychiatric
 * Services 2016: most suicides followed a most recent item-9 answer of "not at all").
 */
export const PHQ_9: InstrumentDefinition = {
  code: 'PHQ-9',
  version: '1',
  title: 'Patient Health Questionnaire (PHQ-9)',
  shortTitle: 'PHQ-9',
  clientTitle: 'How you have been feeling',
  measures: 'Depression symptoms over the last two weeks',
  instructions:
    'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  kind: 'scored',
  clinicalAid: false,
  scales: {
    frequency: PHQ_FREQUENCY,
    difficulty: [
      { value: 0, label: 'Not difficult at all', loinc: 'LA6572-7' },
      { value: 1, label: 'Somewhat difficult', loinc: 'LA6573-5' },
      { value: 2, label: 'Very difficult', loinc: 'LA6575-0' },
      { value: 3, label: 'Extremely difficult', loinc: 'LA6574-3' },
    ],
  },
  items: [
    ...ITEMS.map(([loinc, text], index) => ({
      id: `phq9-${index + 1}`,
      number: index + 1,
      text,
      kind: 'scale' as const,
      scale: 'frequency',
      required: true,
      loinc,
    })),
    {
      id: 'phq9-difficulty',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      kind: 'scale',
      scale: 'difficulty',
      required: false,
      unscored: true,
      loinc: '69722-7',
      hint: 'Not part of the score.',
    },
  ],
  total: { itemIds: ITEMS.map((_, index) => `phq9-${index + 1}`), min: 0, max: 27 },
  subscales: [],
  severityBands: [
    { min: 0, max: 4, label: 'Minimal', level: 0 },
    { min: 5, max: 9, label: 'Mild', level: 1 },
    { min: 10, max: 14, label: 'Moderate', level: 2 },
    { min: 15, max: 19, label: 'Moderately severe', level: 3 },
    { min: 20, max: 27, label: 'Severe', level: 4 },
  ],
  cutoffs: [
    {
      score: 10,
      label: 'At or above 10, the screening cut-off for major depression',
      citation:
        'Kroenke K, Spitzer RL, Williams JBW. J Gen Intern Med 2001;16:606-613 (sensitivity 88%, specificity 88%).',
    },
  ],
  riskRules: [
    {
      id: 'phq9-item9',
      itemId: 'phq9-9',
      atLeast: 1,
      message:
        'Thoughts of being better off dead or of self-harm were reported (PHQ-9 item 9). Review today and assess suicide risk.',
    },
  ],
  diagnosticRules: [],
  reliableChange: {
    kind: 'points',
    points: 6,
    citation:
      'NHS Talking Therapies (IAPT) reliable improvement: a change of 6 or more points (secondary source; check against the current manual).',
  },
  meaningfulChange: {
    kind: 'points',
    points: 5,
    citation:
      'Löwe B, Unützer J, Callahan CM, Perkins AJ, Kroenke K. Med Care 2004;42(12):1194-1201 (MCID 5 points).',
  },
  asksIndexEvent: false,
  licence:
    'Free to use: no permission required to reproduce, translate, display or distribute (phqscreeners.com).',
  copyright: PHQ_ATTRIBUTION,
  citation:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-613.',
  sources: ['https://hl7.org/fhir/us/core/STU6.1/QuestionnaireResponse-phq-9-example.html'],
  loinc: { panel: '44249-1', total: '44261-6' },
};
