import type { InstrumentDefinition, ScaleItem } from '../definition';

/** [subscale, text, reverse-scored] */
const ITEMS: [string, string, boolean][] = [
  ['expecting', 'When things are going well, I wait for something to go wrong.', false],
  ['expecting', 'I carry a low, constant worry that someone close to me will let me down.', false],
  ['expecting', 'I find it hard to believe people mean it when they are kind to me.', false],
  ['distance', 'I keep my feelings to myself, even with people I am close to.', false],
  ['distance', 'I would rather struggle alone than ask someone for help.', false],
  ['distance', 'I let the people closest to me see how I really feel.', true],
  ['cues', 'A quiet mood or a late reply from someone close feels like rejection.', false],
  ['cues', 'I read hidden meanings into ordinary things people say or do.', false],
  ['cues', "Small changes in someone's routine make me suspect something is wrong.", false],
  ['checking', "I check a partner's phone, messages or accounts.", false],
  ['checking', 'I ask questions to catch someone out rather than to learn the answer.', false],
  ['checking', 'I need proof before I can relax with someone.', false],
  [
    'jealousy',
    'I feel panic or anger when someone close to me spends time with other people.',
    false,
  ],
  ['jealousy', 'I need to know where someone close to me is.', false],
  ['jealousy', 'I can let the people I love have their own friendships without worrying.', true],
  ['sabotage', 'When closeness feels too good, I pick a fight or pull away.', false],
  ['sabotage', 'I end things before the other person can hurt me.', false],
  ['sabotage', 'I push people away and then wish they had stayed.', false],
  ['burden', 'Staying on guard about people leaves me exhausted.', false],
  ['burden', 'Fear of being hurt stops me from doing things I want to do.', false],
  ['burden', 'Suspicion colours how I see almost everything.', false],
];

const SUBSCALES: [string, string][] = [
  ['expecting', 'Expecting betrayal'],
  ['distance', 'Keeping people at a distance'],
  ['cues', 'Misreading neutral cues'],
  ['checking', 'Testing and checking'],
  ['jealousy', 'Jealousy and possessiveness'],
  ['sabotage', 'Self-sabotage'],
  ['burden', 'Vigilance burden'],
];

const items: ScaleItem[] = ITEMS.map(([, text, reverse], index) => ({
  id: `tpi-${index + 1}`,
  number: index + 1,
  text,
  kind: 'scale',
  scale: 'frequency',
  required: true,
  ...(reverse ? { reverse: true } : {}),
}));

/**
 * Cairn's own screen for the six trust-related patterns clinicians look for at intake (DOMAIN.md),
 * plus the burden of vigilance. Written by the Cairn team in its own words; a clinical aid for
 * conversation and for noticing change, NOT a validated instrument: no norms, no cut-offs, no
 * reliable-change threshold. Each pattern is the mean of its items, 0 (never) to 4 (almost
 * always); positively worded items are reversed.
 */
export const TRUST_PATTERNS: InstrumentDefinition = {
  code: 'TPI',
  version: '1',
  title: 'Trust Patterns Inventory',
  shortTitle: 'Trust patterns',
  clientTitle: 'Patterns in trust',
  measures:
    'How often six trust-related patterns and the burden of vigilance show up (clinical aid)',
  instructions:
    'Thinking about the last two weeks, how often has each of these been true for you? There are no right answers.',
  kind: 'scored',
  clinicalAid: true,
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
  subscales: SUBSCALES.map(([id, label]) => ({
    id,
    label,
    itemIds: ITEMS.flatMap(([subscale], index) => (subscale === id ? [`tpi-${index + 1}`] : [])),
    aggregate: 'mean' as const,
  })),
  severityBands: [],
  cutoffs: [],
  riskRules: [],
  diagnosticRules: [],
  asksIndexEvent: false,
  licence: 'Written by the Cairn team; free to use within Cairn.',
  copyright: '© Cairn. A clinical aid, not a validated instrument.',
  citation:
    'Cairn Trust Patterns Inventory, version 1. Items written from the clinical framing in Cairn DOMAIN.md.',
  sources: [],
};
