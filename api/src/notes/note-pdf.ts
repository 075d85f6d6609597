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

  const signedLine = `Electronically signed by ${note.author?.displayName ?? 'the author'} on ${note.signedAt ? when(note.signedAt) : 'an unknown date'}.`;
  const fingerprint = `Content fingerprint (SHA-256): ${note.contentHash ?? ''}`;
  const signatureHeight =
    12 +
    pdf.headingHeight(2) +
    pdf.measure(signedLine) +
    pdf.measure(fingerprint, { size: 9, gap: 4 }) +
    pdf.measure('The stored note matches its signature.', { size: 9, gap: 4 });
  const sections = (template?.sections ?? []).flatMap((section) => {
    const filled = section.fields.filter((field) => content[field.key] !== undefined);
    return filled.length ? [{ heading: section.heading, fields: filled }] : [];
  });
  const lastSection = sections[sections.length - 1];
  const lastField = lastSection?.fields[lastSection.fields.length - 1];
  // The signature never stands alone on a page: the last field (and its section heading, when
  // it is the section's only field) moves over with it.
  const keepLastFieldWithSignature = (withSectionHeading: boolean) => {
    const value = lastField ? content[lastField.key] : undefined;
    if (!lastField || value === undefined) return;
    pdf.keepTogether(
      (withSectionHeading ? pdf.headingHeight(2) + 6 : 0) +
        pdf.headingHeight(3) +
        pdf.measure(describeNoteValue(lastField, value)) +
        signatureHeight,
    );
  };
  for (const section of sections) {
    if (section === lastSection && section.fields.length === 1) keepLastFieldWithSignature(true);
    // A section heading keeps its first field's heading and three lines of it on the page.
    pdf.heading(section.heading, 2, pdf.headingHeight(3) + 42);
    section.fields.forEach((field, index) => {
      const value = content[field.key];
      if (value === undefined) return;
      if (field === lastField && index > 0) keepLastFieldWithSignature(false);
      pdf.heading(field.label, 3);
      pdf.paragraph(describeNoteValue(field, value));
    });
  }

  pdf.ensureSpace(signatureHeight);
  pdf.rule();
  pdf.heading('Signature', 2, 0);
  pdf.paragraph(signedLine);
  pdf.muted(fingerprint);
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
