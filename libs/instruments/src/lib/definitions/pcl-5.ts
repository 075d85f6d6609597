import type { InstrumentDefinition } from '../definition';

const ITEMS: [string, string][] = [
  ['B', 'Repeated, disturbing, and unwanted memories of the stressful experience?'],
  ['B', 'Repeated, disturbing dreams of the stressful experience?'],
  [
    'B',
    'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
  ],
  ['B', 'Feeling very upset when something reminded you of the stressful experience?'],
  [
    'B',
    'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
  ],
  ['C', 'Avoiding memories, thoughts, or feelings related to the stressful experience?'],
  [
    'C',
    'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
  ],
  ['D', 'Trouble remembering important parts of the stressful experience?'],
  [
    'D',
    'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
  ],
  ['D', 'Blaming yourself or someone else for the stressful experience or what happened after it?'],
  ['D', 'Having strong negative feelings such as fear, horror, anger, guilt, or shame?'],
  ['D', 'Loss of interest in activities that you used to enjoy?'],
  ['D', 'Feeling distant or cut off from other people?'],
  [
    'D',
    'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
  ],
  ['E', 'Irritable behavior, angry outbursts, or acting aggressively?'],
  ['E', 'Taking too many risks or doing things that could cause you harm?'],
  ['E', 'Being "superalert" or watchful or on guard?'],
  ['E', 'Feeling jumpy or easily startled?'],
  ['E', 'Having difficulty concentrating?'],
  ['E', 'Trouble falling or staying asleep?'],
];

const ids = (cluster: string) =>
  ITEMS.flatMap(([itemCluster], index) => (itemCluster === cluster ? [`pcl5-${index + 1}`] : []));

/**
 * PTSD Checklist for DSM-5 (Weathers et al. 2013, National Center for PTSD). Total 0-80, cluster
 * scores B, C, D, E. There are no empirically derived severity ranges, so none are shown; the
 * provisional-diagnosis rule and the 31-33 cut-off are. Anchored to an index event (for these
 * clients usually the discovery of the betrayal), recorded with each administration.
 * Item 16 is about risk-taking, not suicide: it raises no risk flag.
 */
export const PCL_5: InstrumentDefinition = {
  code: 'PCL-5',
  version: '1',
  title: 'PTSD Checklist for DSM-5 (PCL-5)',
  shortTitle: 'PCL-5',
  clientTitle: 'Reactions to a hard experience',
  measures: 'Post-traumatic stress symptoms over the past month, about one stressful experience',
  instructions:
    'Below is a list of problems that people sometimes have in response to a very stressful experience. Keeping your worst event in mind, please read each problem carefully and then select one of the options to indicate how much you have been bothered by that problem in the past month. In the past month, how much were you bothered by:',
  kind: 'scored',
  clinicalAid: false,
  scales: {
    bother: [
      { value: 0, label: 'Not at all' },
      { value: 1, label: 'A little bit' },
      { value: 2, label: 'Moderately' },
      { value: 3, label: 'Quite a bit' },
      { value: 4, label: 'Extremely' },
    ],
  },
  items: ITEMS.map(([, text], index) => ({
    id: `pcl5-${index + 1}`,
    number: index + 1,
    text,
    kind: 'scale' as const,
    scale: 'bother',
    required: true,
  })),
  total: { itemIds: ITEMS.map((_, index) => `pcl5-${index + 1}`), min: 0, max: 80 },
  subscales: [
    { id: 'B', label: 'Intrusion (B)', itemIds: ids('B'), aggregate: 'sum' },
    { id: 'C', label: 'Avoidance (C)', itemIds: ids('C'), aggregate: 'sum' },
    {
      id: 'D',
      label: 'Negative alterations in cognition and mood (D)',
      itemIds: ids('D'),
      aggregate: 'sum',
    },
    {
      id: 'E',
      label: 'Alterations in arousal and reactivity (E)',
      itemIds: ids('E'),
      aggregate: 'sum',
    },
  ],
  severityBands: [],
  cutoffs: [
    {
      score: 31,
      label: 'In or above the 31-33 cut-off range for probable PTSD',
      citation:
        'National Center for PTSD: "a PCL-5 cutoff score between 31-33 is indicative of probable PTSD across samples". Confirm with a structured interview (e.g. CAPS-5).',
    },
  ],
  riskRules: [],
  diagnosticRules: [
    {
      id: 'dsm5-clusters',
      label:
        'DSM-5 symptom rule met (items rated 2 or more: at least 1 B, 1 C, 2 D and 2 E); provisional only',
      endorsedAt: 2,
      minimumEndorsed: { B: 1, C: 1, D: 2, E: 2 },
      citation:
        'Weathers FW, et al. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013.',
    },
  ],
  reliableChange: {
    kind: 'points',
    points: 15,
    citation:
      'Marx BP, Lee DJ, Norman SB, et al. Psychol Assess 2022;34(2):197-203 (reliable change index 15-18 points).',
  },
  meaningfulChange: {
    kind: 'points',
    points: 10,
    citation:
      'Blanchard BE, et al. J Trauma Stress 2023;36(6):1102-1114, doi:10.1002/jts.22975 (minimal important difference about 10 points).',
  },
  asksIndexEvent: true,
  licence: 'A work of the US Government (National Center for PTSD); not subject to US copyright.',
  copyright:
    'PTSD Checklist for DSM-5 (PCL-5), Weathers, Litz, Keane, Palmieri, Marx & Schnurr, National Center for PTSD, 2013.',
  citation:
    'Blevins CA, Weathers FW, Davis MT, Witte TK, Domino JL. The Posttraumatic Stress Disorder Checklist for DSM-5 (PCL-5): development and initial psychometric evaluation. J Trauma Stress 2015;28(6):489-498.',
  sources: ['https://www.ptsd.va.gov/professional/assessment/adult-sr/ptsd-checklist.asp'],
};
