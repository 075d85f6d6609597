import type { HomeworkKind } from '@cairn/contracts';

export interface LibraryExercise {
  key: string;
  /** Who it is written for, in couple work; the therapist's library shows it. */
  forWhom?: 'hurt partner' | 'partner who broke trust';
  title: string;
  why: string;
  instructions: string;
  kind: HomeworkKind;
  checkInForm?: string;
  readingKey?: string;
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
    title: 'A pause before checking',
    why: 'After a discovery, checking is a way of keeping yourself safe, and it makes sense. When the urge starts to run your day, a short pause lets you choose what will really help you right now.',
    instructions:
      'When you feel the urge to check a phone, a message or a feed, set a timer for ten minutes first. During the pause, notice what you feel and what you fear, and what you are hoping to find out. Afterwards, note whether the urge changed and what you decided. Whatever you decided, there is nothing to be ashamed of: you are learning what your alarm needs.',
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
    forWhom: 'partner who broke trust',
  },
  {
    key: 'repair-transparency',
    title: 'Transparency, before being asked',
    forWhom: 'partner who broke trust',
    why: 'Trust comes back through what your partner can see, not only what they are told. Offering openness before it is asked for takes some of the weight of checking off their shoulders.',
    instructions:
      'Each day, offer one piece of openness before your partner has to ask: where you will be and when, who you spoke with, a message they would want to know about. Write down what you shared, how it felt to offer it first, and how your partner responded.',
    kind: 'journal',
  },
  {
    key: 'repair-comfort',
    title: 'Comfort, without needing to be the hero',
    forWhom: 'partner who broke trust',
    why: 'When your partner is hurting, they need comfort, not a rescue or a solution. Staying with their pain, without turning the moment towards your own guilt or redemption, is repair.',
    instructions:
      'The next time your partner is upset about what happened, try simply staying with them: listen, name what you see ("this is really hurting you"), and ask what would help right now. Resist fixing, explaining or asking to be forgiven. Afterwards, write down what you did and what was hard about it.',
    kind: 'journal',
  },
  {
    key: 'repair-amends',
    title: 'Making amends, without rushing forgiveness',
    forWhom: 'partner who broke trust',
    why: 'Amends are something you offer, not a trade for forgiveness. Letting your partner take the time they need is part of making them.',
    instructions:
      'Write down one concrete way you can make amends this week, in actions rather than words. Do it without asking whether it "counts" or whether you are forgiven yet. Note what you did, and any pull you felt to be reassured in return.',
    kind: 'journal',
  },
  {
    key: 'repair-small-promises',
    title: 'Small promises and daily agreements',
    forWhom: 'partner who broke trust',
    why: 'Trust is rebuilt in proportion to promises kept. Small, ordinary agreements, kept every day, are the building blocks.',
    instructions:
      'Agree one or two small, specific things with your partner for each day (a call at lunchtime, being home by a time you named, sharing your plans). Each evening, mark whether you kept them. If you did not, say so to your partner yourself, before they have to find out.',
    kind: 'task',
  },
  {
    key: 'repair-open-answers',
    title: 'Answering with openness, not defensiveness',
    forWhom: 'partner who broke trust',
    why: 'Your partner’s questions are how they rebuild a picture they can trust. Answers given openly, even when asked again, help; defensiveness sets the repair back.',
    instructions:
      'When your partner asks about what happened, notice your first reaction in your body (tightening, wanting to defend, wanting it to be over). Take a breath and answer as openly and honestly as you can. Afterwards, write down the question, what you felt, and how you answered.',
    kind: 'journal',
  },
  {
    key: 'speak-up',
    title: 'Speaking up when it feels vulnerable',
    forWhom: 'hurt partner',
    why: 'Your needs and hurts deserve to be heard. Saying them out loud, even a little, is part of taking your voice back.',
    instructions:
      'Once this week, say one thing you usually keep to yourself: a hurt, a need, a question. It can be small. Use "I" words if it helps ("I feel… when… I need…"). Afterwards, write down what you said, how it felt in your body, and how it was received.',
    kind: 'journal',
  },
  {
    key: 'gut-and-boundary',
    title: 'Listen to your gut, hold a boundary',
    forWhom: 'hurt partner',
    why: 'Your gut is information. Acting on it, by holding a limit you need, rebuilds trust in yourself.',
    instructions:
      'When something does not feel right this week, pause and ask your gut what it is telling you. If it points to a limit you need, name it and hold it, kindly and firmly. Write down what your gut said, the boundary you held, and how the other person responded.',
    kind: 'journal',
  },
  {
    key: 'time-to-heal',
    title: 'Taking the time you need',
    forWhom: 'hurt partner',
    why: 'Healing has no deadline. Pressure to "move on", from others or from yourself, makes it harder, not faster.',
    instructions:
      'Notice this week any moment when you felt pressure to be further along than you are. Write down where the pressure came from and what you would say to a friend in your place. Then write one sentence giving yourself permission to take the time you need.',
    kind: 'journal',
  },
  {
    key: 'wise-trust-watch',
    title: 'Wise trust: watching what is done, not only what is said',
    forWhom: 'hurt partner',
    why: 'Blind trust takes words on faith; wise trust grows from behaviour you can see, over time. Noticing both helps you trust at your own pace, with your eyes open.',
    instructions:
      'Each day this week, write down one thing your partner said they would do and whether you saw it done. Add one thing you noticed them do without being asked. You do not need to decide anything yet; just let the pattern become visible.',
    kind: 'journal',
  },
];
