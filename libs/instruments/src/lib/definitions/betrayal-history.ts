import type { InstrumentDefinition } from '../definition';

/**
 * The history intake form: the roots a clinician records (DOMAIN.md), asked in the client's own
 * words. Structured, not scored; completing it fills the history checklist of the client file.
 * Written by the Cairn team.
 */
export const BETRAYAL_HISTORY: InstrumentDefinition = {
  code: 'BAH',
  version: '1',
  title: 'Betrayal and attachment history',
  shortTitle: 'History',
  clientTitle: 'Your story so far',
  measures:
    'Foundational betrayals, childhood background and attachment style (intake form, not scored)',
  instructions:
    'These questions help your therapist understand what you bring with you. Answer what you are comfortable with; you can leave anything out and talk about it in session instead.',
  kind: 'form',
  clinicalAid: true,
  scales: {},
  items: [
    {
      id: 'bah-betrayal-kinds',
      text: 'Which of these have happened to you?',
      kind: 'multi-choice',
      required: false,
      options: [
        {
          value: 'infidelity_current',
          label: 'A partner was unfaithful in my current relationship',
        },
        { value: 'infidelity_past', label: 'A partner was unfaithful in a past relationship' },
        {
          value: 'hidden_sexual_behaviour',
          label: 'I discovered hidden pornography use or sexual behaviour',
        },
        { value: 'other_secrets', label: 'Other serious secrets came to light' },
        { value: 'family', label: 'I was betrayed by family' },
        { value: 'friend', label: 'I was betrayed by a friend' },
        {
          value: 'institution',
          label: 'I was betrayed by an institution (a church, school, employer...)',
        },
      ],
    },
    {
      id: 'bah-betrayal-note',
      text: 'In a few words, what happened? (optional)',
      kind: 'text',
      required: false,
      maxLength: 2000,
    },
    {
      id: 'bah-neglect',
      text: 'Growing up, were your feelings and needs often overlooked or brushed aside?',
      kind: 'yes-no',
      required: false,
    },
    {
      id: 'bah-chaos',
      text: "Was home unpredictable, for example because of a parent's drinking, drug use, mental illness or rage?",
      kind: 'yes-no',
      required: false,
    },
    {
      id: 'bah-parentification',
      text: "As a child, did you look after a parent's feelings or needs more than they looked after yours?",
      kind: 'yes-no',
      required: false,
    },
    {
      id: 'bah-attachment',
      text: 'Which sounds most like you in close relationships?',
      kind: 'choice',
      required: false,
      options: [
        { value: 'anxious', label: 'I need a lot of reassurance, and still worry they will leave' },
        { value: 'avoidant', label: 'I prefer to keep some distance and rely on myself' },
        { value: 'fearful_avoidant', label: 'I want closeness, then pull away when I get it' },
        { value: 'secure', label: 'I am mostly comfortable being close and depending on others' },
        { value: 'unclear', label: 'I am not sure' },
      ],
    },
    {
      id: 'bah-prior-therapy',
      text: 'Have you been in therapy or counselling before?',
      kind: 'yes-no',
      required: false,
    },
    {
      id: 'bah-prior-modalities',
      text: 'If so, what kind, and what helped?',
      kind: 'text',
      required: false,
      maxLength: 500,
    },
  ],
  subscales: [],
  severityBands: [],
  cutoffs: [],
  riskRules: [],
  diagnosticRules: [],
  asksIndexEvent: false,
  licence: 'Written by the Cairn team; free to use within Cairn.',
  copyright: '© Cairn.',
  citation: 'Cairn betrayal and attachment history form, version 1.',
  sources: [],
};
