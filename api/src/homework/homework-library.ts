import type { HomeworkKind } from '@cairn/contracts';

export interface LibraryExercise {
  key: string;
  title: string;
  why: string;
  instructions: string;
  kind: HomeworkKind;
  checkInForm?: string;
}

/**
 * The homework library every clinic starts with, written by the Cairn team from DOMAIN.md in
 * plain, warm words for the client. A clinic's therapists add their own beside it. The key is
 * stable: a clinic's copy is found by it, so the library can grow without duplicates.
 */
export const HOMEWORK_LIBRARY: readonly LibraryExercise[] = [
  {
    key: 'small-promise',
    title: 'Keep a small promise to yourself',
    why: 'Trust in yourself grows from promises you keep, however small. Each one is proof that you can count on you.',
    instructions:
      'Each morning, make yourself one small promise you can keep today: a glass of water before coffee, a ten-minute walk, going to bed on time. In the evening, note whether you kept it. If you did not, be kind about it and choose something smaller tomorrow.',
    kind: 'task',
  },
  {
    key: 'validate-feeling',
    title: 'Validate a feeling',
    why: 'Feelings make sense when we know their story. Treating your own feelings as reasonable is part of becoming your own safe place.',
    instructions:
      'Once today, when a strong feeling shows up, pause and name it ("I feel hurt"). Then finish the sentence "It makes sense that I feel this way because…". You do not need to fix the feeling or act on it; only let it be understood.',
    kind: 'journal',
  },
  {
    key: 'vulnerable-step',
    title: 'One small, low-stakes vulnerable step',
    why: 'Closeness is rebuilt in small steps you can manage. Noticing how people respond helps you learn who is safe to lean on.',
    instructions:
      'Choose one small way to let someone in this week: share a small opinion, tell a friend you are having a hard day, or ask for a little favour. Afterwards, write down what you did, how it felt in your body, and how the other person responded.',
    kind: 'journal',
  },
  {
    key: 'body-check-in',
    title: 'Body check-in',
    why: 'Your body often notices things before your mind does. Listening to it is a way of trusting your own perception again.',
    instructions:
      'After spending time with someone, take one quiet minute. Notice your breathing, your shoulders, your stomach and your jaw. Ask: "How does this person feel in my body: tense, open, heavy, calm?" Write a line or two about what you noticed, without judging it.',
    kind: 'journal',
  },
  {
    key: 'intuition-or-alarm',
    title: 'Intuition or alarm?',
    why: 'After a betrayal, the alarm that kept you safe can ring loudly at small things. Telling a calm inner knowing from an old alarm helps it settle over time.',
    instructions:
      'When you feel suspicious or uneasy, write down what happened and what you felt. Then ask: Is this feeling quiet and steady, or loud and urgent? Is it about what is happening now, or does it echo something from before? What would help me find out more, gently? There is no wrong answer.',
    kind: 'journal',
  },
  {
    key: 'i-statement',
    title: 'Say it with an "I" statement',
    why: 'Speaking from your own experience lets a fear be heard instead of defended against. It keeps your voice strong without turning it into an accusation.',
    instructions:
      'Think of one fear or need you want to share. Write it as: "I feel … when … because … What I need is …". If it feels right, say it to the person this week. Afterwards, note how it went and how you felt saying it.',
    kind: 'task',
  },
  {
    key: 'boundary-log',
    title: 'Boundary log',
    why: 'Boundaries protect what matters to you, and people show who they are by how they respect them. Keeping a log makes both easier to see.',
    instructions:
      'Each time you set or hold a boundary this week, big or small, write down what it was, how you said it, and how the other person responded. Notice who respects your limits and how you felt afterwards.',
    kind: 'journal',
  },
  {
    key: 'self-compassion-letter',
    title: 'A letter of self-compassion',
    why: 'Harsh self-talk keeps the hurt going. Speaking to yourself as you would to a good friend is a skill that grows with practice.',
    instructions:
      'Write a short letter to yourself about what you are going through, as a caring friend would write it. Acknowledge how hard this is, remind yourself that you are not alone in it, and offer yourself one kind and realistic encouragement. Read it again when the day is heavy.',
    kind: 'journal',
  },
  {
    key: 'daily-repair-check-in',
    title: 'Daily repair check-in',
    why: 'Time alone does not rebuild trust; small, steady actions do. A short check-in each day makes that repair visible week by week.',
    instructions:
      'Each evening, take two minutes on your own to answer the check-in: how safe you felt with your partner today, whether the small promises made were kept, one honest moment from the day, and what your gut is telling you. Answer for yourself only: your partner does not see your answers.',
    kind: 'check_in',
    checkInForm: 'daily-repair',
  },
  {
    key: 'noticing-good-moments',
    title: 'Notice when things go well',
    why: 'When betrayal is expected, good moments can feel suspicious. Noticing them, without having to trust them yet, helps the alarm learn the difference.',
    instructions:
      'Once a day, write down one moment that went well, however small. Note any urge to doubt it, and just let that urge be there. You do not need to decide what it means.',
    kind: 'journal',
  },
  {
    key: 'pause-before-checking',
    title: 'Pause before checking',
    why: 'Checking and snooping bring brief relief and then more worry. A pause gives you a chance to choose what will really help.',
    instructions:
      'When you feel the urge to check a phone, a message or a feed, set a timer for ten minutes first. During the pause, notice what you feel and what you fear. Afterwards, note whether the urge changed and what you decided. Be gentle with yourself either way.',
    kind: 'task',
  },
  {
    key: 'grounding-practice',
    title: 'A grounding practice',
    why: 'When the alarm is loud, the body needs to feel safe before the mind can think clearly. Grounding brings you back to the present moment.',
    instructions:
      'Once a day, or whenever you feel overwhelmed, try the 5-4-3-2-1 practice: name five things you see, four you can touch, three you hear, two you smell and one you taste. Mark it done, and add a note if you like about what changed.',
    kind: 'task',
  },
  {
    key: 'ask-for-support',
    title: 'Ask for support',
    why: 'Keeping everyone at a distance can feel safer, but it leaves you carrying everything alone. Asking for a little help is practice in letting others in.',
    instructions:
      'This week, ask one person you trust for a small kind of support: a call, a walk, help with a task. Afterwards, write down who you asked, what you asked for, and how it felt to receive it (or what got in the way).',
    kind: 'journal',
  },
  {
    key: 'repair-ownership',
    title: 'Taking ownership, without minimising',
    why: 'For the partner who broke trust, repair means owning what happened fully, without explaining it away or rushing forgiveness.',
    instructions:
      'Write about one moment this week when your partner was hurting. What did you say or do? Did you answer openly and take ownership, or did you defend, minimise or try to fix it quickly? What would you like to do next time? Bring it to your next session.',
    kind: 'journal',
  },
];
