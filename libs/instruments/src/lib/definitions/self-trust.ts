import type { InstrumentDefinition, ScaleItem } from '../definition';

/** [practice, text]. Every item is worded in the direction of growth: none is reversed. */
const ITEMS: [string, string][] = [
  ['promises', 'I kept the small promises I made to myself.'],
  ['promises', 'When I said I would do something for myself, I followed through.'],
  ['gut', 'I listened to what my body or my gut was telling me.'],
  ['gut', 'I took my own perceptions seriously, even when someone saw things differently.'],
  ['discernment', 'I could tell a calm inner knowing apart from an old alarm.'],
  ['discernment', 'When an alarm went off inside me, I could pause before deciding what it meant.'],
  ['boundaries', 'I said no, or held a limit, when something did not feel right to me.'],
  ['boundaries', 'I noticed who respected my limits and who did not.'],
  ['openness', 'I took a small, safe step of letting someone in.'],
  ['openness', 'I let someone I trust know how I was really doing.'],
  ['kindness', 'I spoke to myself kindly when things were hard.'],
  ['kindness', 'I treated my own feelings as making sense.'],
];

const PRACTICES: [string, string][] = [
  ['promises', 'Keeping promises to myself'],
  ['gut', 'Listening to my gut'],
  ['discernment', 'Telling intuition from alarm'],
  ['boundaries', 'Holding a boundary'],
  ['openness', 'Small safe steps of openness'],
  ['kindness', 'Self-compassion'],
];

const items: ScaleItem[] = ITEMS.map(([, text], index) => ({
  id: `st-${index + 1}`,
  number: index + 1,
  text,
  kind: 'scale',
  scale: 'frequency',
  required: true,
}));

/**
 * Cairn's Self-Trust Scale: how often, in the last two weeks, the person practised the ways of
 * rebuilding trust in themselves that clinicians assign (keeping small promises to oneself,
 * listening to one's gut, telling intuition from alarm, holding a boundary, small safe steps of
 * openness, self-compassion). Scored in the positive direction, so that progress shows growth and
 * not only fewer symptoms: the total (0-48) and each practice's mean (0-4) rise as self-trust
 * grows. Written by the Cairn team; a clinical aid with no norms, cut-offs or change thresholds.
 */
export const SELF_TRUST: InstrumentDefinition = {
  code: 'SELF-TRUST',
  version: '1',
  title: 'Self-Trust Scale',
  shortTitle: 'Self-trust',
  clientTitle: 'Trusting yourself',
  measures:
    'How often the person practised trusting themselves in the last two weeks; higher is more (clinical aid)',
  instructions:
    'Thinking about the last two weeks, how often has each of these been true for you? Small moments count. There are no right or wrong answers.',
  kind: 'scored',
  clinicalAid: true,
  higherIsBetter: true,
  scales: {
    frequency: [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Rarely' },
      { value: 2, label: 'Sometimes' },
      { value: 3, label: 'Often' },
      { value: 4, label: 'Almost always' },
    ],
  },
  items,
  total: { itemIds: items.map((item) => item.id), min: 0, max: 48 },
  subscales: PRACTICES.map(([id, label]) => ({
    id,
    label,
    itemIds: ITEMS.flatMap(([practice], index) => (practice === id ? [`st-${index + 1}`] : [])),
    aggregate: 'mean' as const,
  })),
  severityBands: [],
  cutoffs: [],
  riskRules: [],
  diagnosticRules: [],
  interpretation: {
    note: 'A clinical aid written by Cairn, with no norms or cut-offs. Higher means the person practised self-trust more often; read the practices one by one, and the direction over time.',
    clientNote:
      'Higher means you practised trusting yourself more often. Small moments count, and every practice grows at its own pace.',
    contextItemIds: [],
    contextNotes: [],
  },
  asksIndexEvent: false,
  licence: 'Written by the Cairn team; free to use within Cairn.',
  copyright: '© Cairn. A clinical aid, not a validated instrument.',
  citation:
    'Cairn Self-Trust Scale, version 1. Items written by the Cairn team from the self-trust practices in the product’s domain notes.',
  sources: [],
};
