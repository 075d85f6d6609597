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

/** A phone number as people write one: digit groups joined by one space, dot or dash. */
const NUMBER = String.raw`(\+?(?:\(\d+\)\s?)?\d(?:[ .-]?\d)+)`;
const CALL = new RegExp(
  String.raw`\b(?:call|phone|dial|ring|tel\.?)(?:\s+or\s+text)?:?\s+${NUMBER}`,
  'gi',
);
const TEXT = new RegExp(String.raw`\b(?:text|sms)(?:\s+([A-Za-z]+)\s+to)?:?\s+${NUMBER}`, 'gi');

function digitsOf(number: string): string {
  return (number.startsWith('+') ? '+' : '') + number.replace(/\D/g, '');
}

/** The call and text links a paragraph offers, in the order it names them. */
function linksIn(text: string): CrisisResource['links'] {
  const found: { at: number; label: string; href: string }[] = [];
  for (const match of text.matchAll(CALL)) {
    const number = match[1] ?? '';
    // Fewer than three digits is not a number anyone dials ("call 2 friends").
    if (digitsOf(number).replace('+', '').length < 3) continue;
    found.push({ at: match.index, label: `Call ${number}`, href: `tel:${digitsOf(number)}` });
  }
  for (const match of text.matchAll(TEXT)) {
    const [, keyword, number = ''] = match;
    if (digitsOf(number).replace('+', '').length < 3) continue;
    found.push({
      at: match.index + match[0].length - number.length,
      label: keyword ? `Text ${keyword} to ${number}` : `Text ${number}`,
      href: `sms:${digitsOf(number)}${keyword ? `?body=${encodeURIComponent(keyword)}` : ''}`,
    });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((link) => !seen.has(link.href) && seen.add(link.href))
    .map(({ label, href }) => ({ label, href }));
}

/**
 * A clinic's crisis resources text as the portal shows it: one resource per paragraph (blank
 * line between), the first line its name, the second how to reach it, the rest what it is.
 * "Call 988", "text START to 88788" and the like become links a phone can dial.
 */
export function crisisResourcesFromText(text: string): CrisisResource[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0)
    .map(([name = '', contact = '', ...detail]) => ({
      name,
      contact,
      detail: detail.join(' '),
      links: linksIn([name, contact, ...detail].join('\n')),
    }));
}
