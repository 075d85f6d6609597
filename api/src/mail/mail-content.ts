/** The words a message must never carry: a partner may read the screen it arrives on. */
export const INDISCREET_WORDS =
  /\b(therap\w*|betray\w*|couples?|counsell?\w*|trauma\w*|diagnos\w*|clinic(al)?ly?|session notes?|assessment|affair|infidelity|psycho\w*|mental|treatment|patient|crisis|suicid\w*)\b/i;

export interface MailContent {
  subject: string;
  /** "Hello Ana Ruiz," — a name is fine in the body, never in the subject. */
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the action: why this came, what to do if unexpected. */
  footnotes?: string[];
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * A plain message in both parts: the text part reads well on its own (many clients show only
 * it), the HTML part is the same words with one button and no images, tracking or web fonts.
 */
export function composeMail(content: MailContent): ComposedMail {
  const textParts = [content.greeting, ...content.paragraphs];
  if (content.action) textParts.push(`${content.action.label}:\n${content.action.url}`);
  if (content.footnotes?.length) textParts.push(...content.footnotes);
  const text = `${textParts.join('\n\n')}\n`;

  const paragraph = (line: string) =>
    `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(line)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#2f5d62;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all">${escapeHtml(content.action.url)}</p>`
    : '';
  const footnotes = (content.footnotes ?? [])
    .map(
      (line) =>
        `<p style="margin:0 0 8px;font-size:13px;color:#555555;line-height:1.4">${escapeHtml(line)}</p>`,
    )
    .join('');
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>` +
    `<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222222;background:#ffffff">` +
    `<div style="max-width:560px">${paragraph(content.greeting)}${content.paragraphs.map(paragraph).join('')}${button}${footnotes}</div>` +
    `</body></html>`;
  return { subject: content.subject, text, html };
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
