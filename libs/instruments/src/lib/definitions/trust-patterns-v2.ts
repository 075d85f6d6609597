import type { ChoiceItem, InstrumentDefinition, Interpretation, ScaleItem } from '../definition';
import { TRUST_PATTERNS } from './trust-patterns';

/** [subscale, text, reverse-scored]; item ids stay `tpi-N`, as in version 1, pattern by pattern. */
const ITEMS: [string, string, boolean][] = [
  ['expecting', 'When things are going well, part of me waits for something to go wrong.', false],
  ['expecting', 'I carry a low, steady worry that someone close to me will let me down.', false],
  ['expecting', 'It is hard for me to take kindness at face value.', false],
  ['distance', 'I keep my feelings to myself, even with people I am close to.', false],
  ['distance', 'I would rather manage alone than ask someone for help.', false],
  ['distance', 'I let the people closest to me see how I really feel.', true],
  ['cues', 'A quiet mood or a slow reply from someone close sets off an alarm in me.', false],
  ['cues', 'I find myself searching ordinary words or actions for a hidden meaning.', false],
  ['cues', "Small changes in someone's routine make my body brace for bad news.", false],
  [
    'checking',
    "I feel a strong pull to look at a partner's phone, messages or accounts so that I can feel safe.",
    false,
  ],
  ['checking', 'I ask questions to find out whether I am being told the truth.', false],
  ['checking', 'I need to see something for myself before I can settle.', false],
  [
    'jealousy',
    'I feel panic or anger when someone close to me spends time with other people.',
    false,
  ],
  ['jealousy', 'I need to know where someone close to me is before I can feel calm.', false],
  ['jealousy', 'I can let the people I love have their own friendships without worrying.', true],
  ['sabotage', 'When closeness feels good, I start an argument or pull back.', false],
  ['sabotage', 'I leave, or want to leave, before the other person can hurt me.', false],
  ['sabotage', 'I push people away and then wish they had stayed.', false],
  ['burden', 'Staying on guard leaves me exhausted.', false],
  ['burden', 'Fear of being hurt stops me from doing things I want to do.', false],
  ['burden', 'Suspicion colours how I see almost everything.', false],
];

/**
 * Pattern names describe what the person does to stay safe; none names a flaw. "Checking for
 * safety" replaces version 1's "Testing and checking", and "Pulling away when close" replaces
 * "Self-sabotage".
 */
const SUBSCALES: [string, string][] = [
  ['expecting', 'Expecting betrayal'],
  ['distance', 'Keeping a protective distance'],
  ['cues', 'Reading danger in neutral cues'],
  ['checking', 'Checking for safety'],
  ['jealousy', 'Jealousy and fear of loss'],
  ['sabotage', 'Pulling away when close'],
  ['burden', 'The toll of staying on guard'],
];

const CONTEXT: ChoiceItem = {
  id: 'tpi-context',
  text: 'First, where are you now? Choose what fits best.',
  kind: 'choice',
  required: true,
  hint: 'This question is not scored. It helps your therapist read your answers in context.',
  options: [
    { value: 'after-discovery', label: "After I discovered a partner's betrayal" },
    { value: 'after-disclosure', label: 'After a partner told me about a betrayal' },
    { value: 'none-known', label: 'No betrayal by a partner has come to light' },
    { value: 'rather-talk', label: "I'd rather talk about this in session" },
  ],
};

const SINCE: ChoiceItem = {
  id: 'tpi-since',
  text: 'If there was a discovery or a disclosure, how long ago was it?',
  kind: 'choice',
  required: false,
  hint: 'Leave this out if it does not apply. Not scored.',
  options: [
    { value: 'under-1-month', label: 'Less than a month ago' },
    { value: '1-6-months', label: '1 to 6 months ago' },
    { value: '6-12-months', label: '6 to 12 months ago' },
    { value: '1-2-years', label: '1 to 2 years ago' },
    { value: 'over-2-years', label: 'More than 2 years ago' },
  ],
};

const AFTER = ['after-discovery', 'after-disclosure'];

/**
 * Read with every Trust Patterns result. Written from DOMAIN.md: after a discovery, vigilance and
 * checking are a trauma-informed response to an attachment injury, not dysfunction; a pattern
 * becomes something to change only when it outlives its use or predates the betrayal.
 */
export const TRUST_PATTERNS_INTERPRETATION: Interpretation = {
  note: 'A clinical aid written by Cairn, with no norms or cut-offs. High scores in the months after a discovery describe the injury and the body’s protection, not a flaw in the person. Read the patterns with the client, and watch how they ease as safety returns.',
  clientNote:
    'These patterns are not a judgement of you. In the months after a discovery, high scores describe the hurt and your body’s way of protecting you, not a flaw. Your therapist will go through them with you.',
  contextItemIds: [CONTEXT.id, SINCE.id],
  contextNotes: [
    {
      when: { [CONTEXT.id]: AFTER, [SINCE.id]: ['under-1-month', '1-6-months', '6-12-months'] },
      note: 'Answered within a year of a discovery or disclosure: strong checking for safety, expecting betrayal and vigilance are what an attachment injury and a protective nervous system look like at this stage. Expect them to settle as trust is rebuilt through repair; read change over time rather than one score.',
    },
    {
      when: { [CONTEXT.id]: AFTER, [SINCE.id]: ['1-2-years', 'over-2-years'] },
      note: 'Answered more than a year after a discovery or disclosure: a pattern that is still strong may be worth exploring gently. Is the protection still needed (is the relationship still giving reasons for it), or has it outlived its use?',
    },
    {
      when: { [CONTEXT.id]: ['none-known'] },
      note: 'No betrayal by a partner has come to light: these patterns may have older roots (childhood, earlier relationships) or answer something not yet known. Explore where they come from rather than conclude.',
    },
  ],
};

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
 * Version 1 as it was given and scored, read with the same interpretation note (it has no context
 * items, so only the note applies).
 */
export const TRUST_PATTERNS_V1: InstrumentDefinition = {
  ...TRUST_PATTERNS,
  interpretation: TRUST_PATTERNS_INTERPRETATION,
};

/**
 * Version 2 of Cairn's Trust Patterns Inventory: the same seven areas, scored the same way (the
 * mean of each pattern's items, 0 never to 4 almost always, positively worded items reversed),
 * reworded so that nothing reads as blame, with two unscored questions first that record where
 * the person stands (before or after a discovery or disclosure, and how long since) for the
 * interpretation. Administrations given as version 1 keep version 1 and its scoring.
 */
export const TRUST_PATTERNS_V2: InstrumentDefinition = {
  ...TRUST_PATTERNS,
  version: '2',
  measures:
    'How often seven trust-related patterns show up, read in the context of a discovery (clinical aid)',
  instructions:
    'First, one or two questions about where you are now. Then, thinking about the last two weeks, how often has each statement been true for you? There are no right or wrong answers: many of these are ways a mind and body protect themselves after being hurt.',
  items: [CONTEXT, SINCE, ...items],
  subscales: SUBSCALES.map(([id, label]) => ({
    id,
    label,
    itemIds: ITEMS.flatMap(([subscale], index) => (subscale === id ? [`tpi-${index + 1}`] : [])),
    aggregate: 'mean' as const,
  })),
  interpretation: TRUST_PATTERNS_INTERPRETATION,
  citation:
    'Cairn Trust Patterns Inventory, version 2. Items written by the Cairn team from the clinical framing of betrayal trauma in the product’s domain notes.',
};
