import type { Reading } from '@cairn/contracts';

/**
 * The portal's reading library: short pieces written by the Cairn team for clients, in their own
 * words, from the clinical ideas in docs/clinical-stance.md. Each key is stable: it is how a
 * clinic's homework template finds the reading, so wording can improve without breaking
 * assignments. Kept calm and free of blame: nothing here says the hurt partner is the problem.
 */
export const READING_LIBRARY: readonly Reading[] = [
  {
    key: 'not-just-trust-again',
    title: 'Why “just trust again” is the wrong goal',
    summary:
      'Trust is not a switch you can flip back on. What you can rebuild, slowly and with open eyes, is something sturdier.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'After a betrayal, people often hear, from others or from themselves, that the task is to “just trust again”. It sounds simple. It is also one of the heaviest things anyone can be asked to do, and it puts the work in the wrong place.',
          'Trust is not a decision you make once. It is a conclusion your mind and body reach, over time, from what they see. When what you saw turned out to be untrue, the part of you that draws that conclusion stopped believing the evidence. That is not stubbornness. It is learning.',
        ],
      },
      {
        heading: 'What you are really rebuilding',
        paragraphs: [
          'The first thing a betrayal breaks is often not trust in the other person but trust in yourself: “How did I not see it? Can I believe what I feel?” Healing usually starts there, with learning to listen to your own perceptions again.',
          'From there, trust with another person can grow back, but as something different from before: slower, with your eyes open, based on what is done rather than what is promised. Therapists call this wise trust, as opposed to blind trust.',
        ],
      },
      {
        heading: 'You do not owe trust on a timetable',
        paragraphs: [
          'Nobody can tell you when you should be over it. If someone is waiting for you to trust them, the most useful thing they can do is keep showing up in small, consistent, visible ways. Your part is not to force a feeling, but to notice honestly what you see.',
        ],
      },
    ],
  },
  {
    key: 'nervous-system-remembers',
    title: 'Your nervous system remembers',
    summary:
      'The alarm you feel at small things is your body trying to protect you. Understanding it is the first step to letting it settle.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'After a shock like a discovery, many people find their body on high alert: a late reply, a closed laptop, a change in tone, and the heart races. You might feel you are overreacting, or be told you are paranoid. You are not.',
          'Your nervous system has one job above all: keeping you safe. When it learns that danger was hiding in ordinary-looking moments, it starts watching ordinary moments closely. This watchfulness, called hypervigilance, is an alarm doing its work, not a flaw in your character.',
        ],
      },
      {
        heading: 'Then and now',
        paragraphs: [
          'The difficulty is that an alarm set off by past pain can ring at present-day things that are not dangerous. A useful question, when it rings, is gentle curiosity rather than judgement: “Is this about what is happening now, or is it an echo of what happened before?” Sometimes it will be a real red flag worth listening to. Sometimes it will be an echo.',
        ],
      },
      {
        heading: 'How the alarm settles',
        paragraphs: [
          'Alarms settle through safety that is felt, not argued. That can mean grounding in your body when the alarm is loud, small experiences of things going as promised, and time. It rarely means being told to calm down. Be patient with yourself: your body is learning again what is safe.',
        ],
      },
    ],
  },
  {
    key: 'wise-trust',
    title: 'Wise trust, not blind trust',
    summary:
      'Watching what someone does, not just what they say. Trust that is earned, step by step, with your eyes open.',
    minutes: 3,
    sections: [
      {
        heading: null,
        paragraphs: [
          'Blind trust takes people at their word. Wise trust watches what they do. After a betrayal, blind trust is neither possible nor wise, and you do not need to aim for it.',
          'Wise trust is built from observed behaviour over time: promises that are kept, openness that is offered without being asked for, answers that stay the same when asked again. It grows in proportion to what you see.',
        ],
      },
      {
        heading: 'Some questions to notice',
        paragraphs: [
          'Do their actions match their words, day after day? When you raise a worry, do they listen or defend? Do they respect the limits you set? Is the openness offered, or only given when you ask? You do not have to answer these once and for all; notice them week by week.',
          'Wise trust also means trusting yourself: your observations count, and you are allowed to take your time. Trust is a process, not an event.',
        ],
      },
    ],
  },
  {
    key: 'daily-repair',
    title: 'Time does not rebuild trust; daily repair does',
    summary:
      'Waiting for things to feel better rarely works on its own. Small, consistent actions from both partners do.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'Many couples hope that time will heal things. Time matters, but on its own it mostly lets wounds scar over. What rebuilds trust is repair: small, steady, visible actions, day after day.',
        ],
      },
      {
        heading: 'For the partner who broke trust',
        paragraphs: [
          'Repair looks like transparency offered without being asked, answering questions openly rather than defensively, keeping small promises, taking full ownership without minimising, offering comfort without needing to be the hero, and making amends without rushing forgiveness. It is steady rather than dramatic.',
        ],
      },
      {
        heading: 'For the partner who was hurt',
        paragraphs: [
          'Your part is not to hurry. It can include speaking up when something hurts, listening to your gut, holding the boundaries you need, and taking the time you need to heal. Noticing the repair that does happen, without having to trust it yet, is part of it too.',
        ],
      },
      {
        heading: 'Making it visible',
        paragraphs: [
          'A short daily check-in, where each of you notes how safe you felt, whether small promises were kept, and one honest moment, makes repair visible over weeks. Trends matter more than any single day.',
        ],
      },
    ],
  },
  {
    key: 'where-distrust-comes-from',
    title: 'Where distrust comes from',
    summary:
      'Distrust usually has a history. Knowing yours can make it feel less like a flaw and more like a story that makes sense.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'Nobody is born suspicious. Distrust is learned, usually for good reasons. Sometimes the root is one clear betrayal: an affair, a hidden secret coming to light, a friend or an institution that let you down. Sometimes the roots go further back.',
        ],
      },
      {
        heading: 'Earlier roots',
        paragraphs: [
          'Growing up with needs that were often ignored can teach a child that showing vulnerability is pointless. Growing up with chaos, such as a parent’s addiction, illness or unpredictable anger, can teach a child to watch closely for danger. Being made a parent’s emotional caregiver can teach a child that closeness means looking after others and never being looked after.',
          'These lessons were adaptive then. They helped you cope. In adult relationships, though, they can show up as expecting betrayal, keeping people at a distance, or pulling away just when closeness feels good.',
        ],
      },
      {
        heading: 'Why it helps to know',
        paragraphs: [
          'Seeing where a pattern comes from can soften the harsh voice that says “what is wrong with me?”. It also helps you and your therapist tell what belongs to the present from what is an older echo, and choose what you want to keep and what you want to change, at your own pace.',
        ],
      },
    ],
  },
  {
    key: 'self-trust-practices',
    title: 'Coming back to trusting yourself',
    summary:
      'Small, everyday practices that help you believe your own perceptions again, and become a safe place for yourself.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'Trusting yourself again is built the same way trust in anyone is built: through small promises kept. Here are some practices therapists often suggest. Pick one; you do not have to do them all.',
        ],
      },
      {
        heading: 'Keep small promises to yourself',
        paragraphs: [
          'Make one small promise each day that you can keep: a walk, a glass of water, going to bed on time. Keeping it, however small, is evidence that you can count on you.',
        ],
      },
      {
        heading: 'Check in with your body',
        paragraphs: [
          'After time with someone, pause and notice: how does this person feel in my body? Tense, open, heavy, calm? Your body often notices things before your mind does.',
        ],
      },
      {
        heading: 'Tell intuition from alarm',
        paragraphs: [
          'A calm inner knowing tends to be quiet and steady. A trauma alarm tends to be loud and urgent. Writing down which one you are feeling, without judging it, helps you learn their voices over time.',
        ],
      },
      {
        heading: 'Hold a boundary, and be kind to yourself',
        paragraphs: [
          'Saying no when something does not feel right, and noticing who respects it, is self-trust in action. So is talking to yourself as you would to a good friend on a hard day.',
        ],
      },
    ],
  },
  {
    key: 'checking-as-protection',
    title: 'When checking is protection',
    summary:
      'After a discovery, checking phones or asking for proof is a way of keeping yourself safe. It is not a flaw, and there is no shame in it.',
    minutes: 4,
    sections: [
      {
        heading: null,
        paragraphs: [
          'After discovering a betrayal, many people find themselves checking: a partner’s phone, messages, accounts or whereabouts, or asking questions to see whether the answers stay the same. Sometimes people feel ashamed of this, or are made to feel ashamed. There is no need.',
          'Checking after a discovery is a protective response to a real injury. Your sense of what is true was shaken, and checking is one way your mind tries to restore it. Therapists who work with betrayal see it as understandable and trauma-informed, not as dysfunction.',
        ],
      },
      {
        heading: 'When it might be worth looking at',
        paragraphs: [
          'Checking becomes something you might want to change only if it starts to cost you more than it gives: if it has outlived its use, takes over your days, or leaves you more frightened than before. Or if you notice it was already there long before the betrayal, as an older way of coping.',
          'If that happens, the aim is not to shame the urge away but to understand what it is trying to protect, and find other ways to feel safe. A short pause before checking, noticing what you feel and fear, can help you choose what will really help in that moment.',
        ],
      },
      {
        heading: 'Transparency can carry some of the weight',
        paragraphs: [
          'In couples who are rebuilding, openness offered freely by the partner who broke trust can make checking less necessary over time. That is their work to do, not yours.',
        ],
      },
    ],
  },
];

export function findReading(key: string): Reading | undefined {
  return READING_LIBRARY.find((reading) => reading.key === key);
}
