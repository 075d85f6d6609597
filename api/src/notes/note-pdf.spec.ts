import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { noteTemplate, type NoteContent } from '@cairn/contracts';
import { pdfText } from '../../test/pdf-text';
import { renderNotePdf } from './note-pdf';
import type { OpenedNote } from './note-views';

const template = noteTemplate('bt_progress');
const headings = [
  ...(template?.sections ?? []).flatMap((section) => [
    section.heading,
    ...section.fields.map((field) => field.label),
  ]),
  'Signature',
  'Addenda',
];

function opened(content: NoteContent): OpenedNote {
  return {
    note: {
      templateCode: 'bt_progress',
      sessionAt: new Date('2026-10-14T15:00:00Z'),
      durationMinutes: 53,
      serviceType: 'individual_60',
      cptCode: '90837',
      author: { displayName: 'Dr. Ana Díaz' },
      signedAt: new Date('2026-10-14T17:00:00Z'),
      contentHash: 'a'.repeat(64),
    },
    clientName: 'Jordan',
    content,
    integrity: 'intact',
    addenda: [],
    can: [],
  } as unknown as OpenedNote;
}

const context = {
  clinicName: 'Riverside Counselling',
  address: null,
  phone: null,
  paperSize: 'letter' as const,
  timeZone: 'America/Chicago',
  clientLegalName: 'Jordan Rivera',
  clientDateOfBirth: '1985-02-01',
  generatedAt: new Date('2026-11-01T12:00:00Z'),
};

/** A page's text without its footer. */
const body = (page: string) =>
  page
    .replace(/\s+/g, ' ')
    .replace(/Confidential health information[^]*Page \d+ of \d+/, '')
    .replace(/Printed [^]*records\./, '')
    .trim();

describe('Note PDF layout', () => {
  it('never ends a page on a heading, and never prints the signature alone on a page', async () => {
    for (let length = 4; length <= 70; length += 2) {
      const pdf = await renderNotePdf(
        opened({
          focus: 'Alarm after a late reply from the partner. '.repeat(length),
          nervousSystem: ['hyperaroused', 'regulated'],
          disclosureStage: 'partial_disclosure',
          interventions: ['somatic_experiencing', 'psychoeducation'],
          homeworkAssigned: 'Body check-in twice a day. '.repeat(Math.ceil(length / 3)),
          risk: { level: 'none' },
          plan: 'Weekly sessions; review the check-ins next time. '.repeat(Math.ceil(length / 4)),
        }),
        context,
      );
      const { pages } = await pdfText(pdf);
      const problems: string[] = [];
      pages.forEach((page, index) => {
        const text = body(page);
        const orphan = headings.find((heading) => text.endsWith(heading));
        if (orphan) problems.push(`page ${index + 1} ends on "${orphan}"`);
        if (/^Signature\b/.test(text)) problems.push(`page ${index + 1} holds only the signature`);
      });
      if ((problems.length || length === 34) && process.env['PDF_OUT']) {
        writeFileSync(path.join(process.env['PDF_OUT'], `note-${length}.pdf`), pdf);
      }
      expect({ length, problems }).toEqual({ length, problems: [] });
    }
  }, 180_000);
});
