/**
 * What text the API accepts. PostgreSQL refuses NUL in text (error 22021), and other control
 * characters have no place in a name or a note: they hide content, break exports and logs.
 * Tab, line feed and carriage return are ordinary in free text and stay allowed.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A UTF-16 surrogate without its partner is not a character; the database would store U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` is refused, or null when it is acceptable. */
export function textProblem(text: string): string | null {
  if (CONTROL.test(text)) return 'must not contain control characters (such as NUL)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  return null;
}

// Characters that take no space and show nothing: format characters (zero-width space and
// joiners, bidi controls, BOM, soft hyphen, tags), combining grapheme joiner, Hangul fillers,
// the blank braille pattern and variation selectors.
const INVISIBLE = '\\s\\p{Cf}\\u034F\\u115F\\u1160\\u3164\\uFFA0\\u2800\\uFE00-\\uFE0F';
const HAS_VISIBLE = new RegExp(`[^${INVISIBLE}]`, 'u');
// At the edges, only what can never matter there (a trailing variation selector can).
const EDGES = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/**
 * Text trimmed of whitespace and invisible characters at both ends; '' when nothing visible is
 * left (a name of zero-width spaces is no name).
 */
export function trimInvisible(text: string): string {
  if (!HAS_VISIBLE.test(text)) return '';
  return text.replace(EDGES, '');
}
