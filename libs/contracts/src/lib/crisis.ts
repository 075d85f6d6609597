/** One way to reach help now: a line, a text number, emergency services. */
export interface CrisisResource {
  name: string;
  /** How to reach it, e.g. "Call or text 988". */
  contact: string;
  /** One calm sentence on what it is. */
  detail: string;
  /** Tappable links on a phone (tel:, sms:); none for a neutral text. */
  links: { label: string; href: string }[];
}

/**
 * What a client sees when they need help now, and what a therapist sees in session beside a risk
 * answer. Where the resources come from (today a default by the clinic's time zone; later the
 * clinic's settings) is decided by the API in one place.
 */
export interface CrisisSupport {
  /** Calm words for the moment, never "flagged" or "alert". */
  message: string;
  /** Honest about when the therapist will see it and what Cairn is not (a crisis service). */
  followUp: string;
  resources: CrisisResource[];
}

/** In session: the same resources, and the prompt to assess risk now. */
export interface InSessionRiskPrompt extends CrisisSupport {
  prompt: string;
}
