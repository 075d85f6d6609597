import {
  crisisResourcesFromText,
  type CrisisResource,
  type CrisisSupport,
  type InSessionRiskPrompt,
} from '@cairn/contracts';
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

/**
 * The crisis resources a clinic in a US time zone starts with, in the settings' text form (one
 * paragraph per resource: name, how to reach it, what it is). The clinic can change it.
 */
export const US_CRISIS_RESOURCES_TEXT = [
  '988 Suicide & Crisis Lifeline',
  'Call or text 988',
  'Free and confidential, any time of the day or night.',
  '',
  'Emergency services',
  'Call 911',
  'If you are in danger now, or might act on thoughts of harming yourself.',
  '',
  'National Domestic Violence Hotline',
  'Call 1-800-799-7233 or text START to 88788',
  'If someone at home is hurting, threatening or controlling you.',
].join('\n');

/** Whether the 988 Lifeline and 911 answer in this zone (the fifty states and DC). */
export function isUsTimeZone(timeZone: string): boolean {
  return US_TIME_ZONES.has(timeZone);
}

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

type CrisisSource = Pick<Clinic, 'timeZone' | 'crisisResources'>;

/**
 * Where a clinic's crisis resources come from, here and nowhere else: the clinic's own text
 * (clinic settings; a US clinic starts with the 988 Lifeline and 911), or, while it has none, a
 * neutral text pointing to local emergency services. Never nothing.
 */
export function crisisResourcesFor(clinic: CrisisSource): CrisisResource[] {
  const own = crisisResourcesFromText(crisisResourcesTextOf(clinic));
  return own.length > 0 ? own : ELSEWHERE;
}

/** The clinic's crisis resources text: its own, or the default of its time zone if never set. */
export function crisisResourcesTextOf(clinic: CrisisSource): string {
  return clinic.crisisResources ?? (isUsTimeZone(clinic.timeZone) ? US_CRISIS_RESOURCES_TEXT : '');
}

/** What the portal shows at any time, behind "If you need help now". */
export function helpNowFor(clinic: CrisisSource): CrisisSupport {
  return {
    message:
      'If things feel too much right now, you do not have to manage it alone. These are there for you at any hour.',
    followUp:
      'Messages in Cairn are not watched around the clock. If you want your therapist to know, tell them too.',
    resources: crisisResourcesFor(clinic),
  };
}

/** What a client sees the moment they save an answer about thoughts of death or self-harm. */
export function supportAfterRiskAnswer(clinic: CrisisSource): CrisisSupport {
  return {
    message:
      'Thank you for answering honestly. Thoughts like these can be frightening, and you do not have to face them alone.',
    followUp: FOLLOW_UP,
    resources: crisisResourcesFor(clinic),
  };
}

/** In session: the same resources beside the answer, and the prompt to assess risk now. */
export function inSessionRiskPrompt(clinic: CrisisSource): InSessionRiskPrompt {
  return {
    message: 'The client has just reported thoughts of being better off dead or of self-harm.',
    prompt:
      'Assess suicide risk now, before the session ends: ask directly about thoughts, plans, means and intent, agree a safety plan, and record what you did when you acknowledge the flag.',
    followUp:
      'The client can reach these resources at any time from their portal ("If you need help now").',
    resources: crisisResourcesFor(clinic),
  };
}
