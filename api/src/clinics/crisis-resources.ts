import type { CrisisResource, CrisisSupport, InSessionRiskPrompt } from '@cairn/contracts';
import type { Clinic } from './entities/clinic.entity';

/**
 * IANA zones of the fifty states and DC (and their legacy `US/...` names), where the 988 Suicide
 * & Crisis Lifeline and 911 answer. An explicit list rather than a prefix: "America/" also covers
 * Canada, Mexico and South America, where these numbers are not the right ones.
 */
export const US_TIME_ZONES: ReadonlySet<string> = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Kentucky/Louisville',
  'America/Kentucky/Monticello',
  'America/Indiana/Indianapolis',
  'America/Indiana/Vincennes',
  'America/Indiana/Winamac',
  'America/Indiana/Marengo',
  'America/Indiana/Petersburg',
  'America/Indiana/Vevay',
  'America/Indiana/Tell_City',
  'America/Indiana/Knox',
  'America/Chicago',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'Pacific/Honolulu',
  'US/Eastern',
  'US/Central',
  'US/Mountain',
  'US/Pacific',
  'US/Arizona',
  'US/Alaska',
  'US/Hawaii',
  'US/Aleutian',
  'US/East-Indiana',
  'US/Indiana-Starke',
  'US/Michigan',
]);

const US_RESOURCES: CrisisResource[] = [
  {
    name: '988 Suicide & Crisis Lifeline',
    contact: 'Call or text 988',
    detail: 'Free and confidential, any time of the day or night.',
    links: [
      { label: 'Call 988', href: 'tel:988' },
      { label: 'Text 988', href: 'sms:988' },
    ],
  },
  {
    name: 'Emergency services',
    contact: 'Call 911',
    detail: 'If you are in danger now, or might act on thoughts of harming yourself.',
    links: [{ label: 'Call 911', href: 'tel:911' }],
  },
  {
    name: 'National Domestic Violence Hotline',
    contact: 'Call 1-800-799-7233 or text START to 88788',
    detail: 'If someone at home is hurting, threatening or controlling you.',
    links: [
      { label: 'Call the hotline', href: 'tel:18007997233' },
      { label: 'Text START', href: 'sms:88788?body=START' },
    ],
  },
];

const ELSEWHERE: CrisisResource[] = [
  {
    name: 'Local emergency services',
    contact: 'Call your local emergency number',
    detail:
      'If you are in danger now, or might act on thoughts of harming yourself, call your local emergency number or go to the nearest emergency department.',
    links: [],
  },
  {
    name: 'A crisis line where you live',
    contact: 'Ask your clinic, or search for a crisis line in your country',
    detail: 'Most countries have a free, confidential line you can call or text any time.',
    links: [],
  },
];

const FOLLOW_UP =
  'Your therapist will see this the next time they open Cairn, and will follow up with you. Cairn is not watched around the clock, so if you need to talk to someone sooner, please use one of these now.';

/**
 * Where a clinic's crisis resources come from. Today: the US default for clinics in a US time
 * zone, and a neutral text pointing to local emergency services elsewhere (never nothing).
 * Later: the clinic's own settings, read here and nowhere else.
 */
export function crisisResourcesFor(clinic: Pick<Clinic, 'timeZone'>): CrisisResource[] {
  return US_TIME_ZONES.has(clinic.timeZone) ? US_RESOURCES : ELSEWHERE;
}

/** What the portal shows at any time, behind "If you need help now". */
export function helpNowFor(clinic: Pick<Clinic, 'timeZone'>): CrisisSupport {
  return {
    message:
      'If things feel too much right now, you do not have to manage it alone. These are there for you at any hour.',
    followUp:
      'Messages in Cairn are not watched around the clock. If you want your therapist to know, tell them too.',
    resources: crisisResourcesFor(clinic),
  };
}

/** What a client sees the moment they save an answer about thoughts of death or self-harm. */
export function supportAfterRiskAnswer(clinic: Pick<Clinic, 'timeZone'>): CrisisSupport {
  return {
    message:
      'Thank you for answering honestly. Thoughts like these can be frightening, and you do not have to face them alone.',
    followUp: FOLLOW_UP,
    resources: crisisResourcesFor(clinic),
  };
}

/** In session: the same resources beside the answer, and the prompt to assess risk now. */
export function inSessionRiskPrompt(clinic: Pick<Clinic, 'timeZone'>): InSessionRiskPrompt {
  return {
    message: 'The client has just reported thoughts of being better off dead or of self-harm.',
    prompt:
      'Assess suicide risk now, before the session ends: ask directly about thoughts, plans, means and intent, agree a safety plan, and record what you did when you acknowledge the flag.',
    followUp:
      'The client can reach these resources at any time from their portal ("If you need help now").',
    resources: crisisResourcesFor(clinic),
  };
}
