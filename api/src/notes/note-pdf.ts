import { SERVICE_TYPE_LABELS, describeNoteValue, noteTemplate } from '@cairn/contracts';
import { CairnPdf, type PdfLetterhead } from '../pdf/pdf-document';
import type { OpenedNote } from './note-views';

export interface NotePdfContext extends PdfLetterhead {
  timeZone: string;
  clientLegalName: string;
  clientDateOfBirth: string | null;
  generatedAt: Date;
}

export const CONFIDENTIALITY_FOOTER =
  'Confidential health information. Disclosed for the stated purpose only; do not re-disclose without authorisation.';

/** A signed progress note with its addenda, as released for a records request. */
export async function renderNotePdf(opened: OpenedNote, context: NotePdfContext): Promise<Buffer> {
  const { note, content } = opened;
  const template = noteTemplate(note.templateCode);
  const when = (date: Date) => formatInZone(date, context.timeZone);
  const pdf = new CairnPdf({
    title: 'Session note',
    clinicName: context.clinicName,
    address: context.address,
    phone: context.phone,
    paperSize: context.paperSize,
    footer: CONFIDENTIALITY_FOOTER,
  });

  pdf.facts([
    ['Client', context.clientLegalName],
    ['Date of birth', context.clientDateOfBirth ?? 'Not recorded'],
    ['Session', `${when(note.sessionAt)} · ${note.durationMinutes} minutes`],
    [
      'Service',
      `${SERVICE_TYPE_LABELS[note.serviceType]}${note.cptCode ? ` (CPT ${note.cptCode})` : ''}`,
    ],
    ['Clinician', note.author?.displayName ?? ''],
    ['Note format', template?.name ?? note.templateCode],
  ]);
  pdf.rule();

  for (const section of template?.sections ?? []) {
    const filled = section.fields.filter((field) => content[field.key] !== undefined);
    if (filled.length === 0) continue;
    pdf.heading(section.heading, 2);
    for (const field of filled) {
      const value = content[field.key];
      if (value === undefined) continue;
      pdf.heading(field.label, 3);
      pdf.paragraph(describeNoteValue(field, value));
    }
  }

  pdf.ensureSpace(90); // keep the signature block on one page
  pdf.rule();
  pdf.heading('Signature', 2);
  pdf.paragraph(
    `Electronically signed by ${note.author?.displayName ?? 'the author'} on ${note.signedAt ? when(note.signedAt) : 'an unknown date'}.`,
  );
  pdf.muted(`Content fingerprint (SHA-256): ${note.contentHash ?? ''}`);
  pdf.muted(
    opened.integrity === 'intact'
      ? 'The stored note matches its signature.'
      : 'WARNING: the stored note does not match its signature.',
  );

  if (opened.addenda.length > 0) {
    pdf.heading('Addenda', 2);
    for (const addendum of opened.addenda) {
      pdf.heading(
        `${formatInZone(new Date(addendum.createdAt), context.timeZone)} · ${addendum.author.displayName}`,
        3,
      );
      pdf.paragraph(addendum.text);
      pdf.muted(`Signed addendum · SHA-256 ${addendum.contentHash}`, { gap: 8 });
    }
  }

  pdf.muted(`Printed ${when(context.generatedAt)} from ${context.clinicName}'s records.`, {
    gap: 0,
  });
  return pdf.finish();
}

export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
