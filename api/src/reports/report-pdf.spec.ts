import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClientProgress, MeasureSeries, TimelineEvent } from '@cairn/contracts';
import { pdfText } from '../../test/pdf-text';
import { renderReportPdf, type ReportPdfContext } from './report-pdf';

/** GAD-7 as the progress service builds it: four bands up to 21, the cut-off at 10. */
const gad7: MeasureSeries = {
  instrumentCode: 'GAD-7',
  title: 'GAD-7',
  clinicalAid: false,
  minTotal: 0,
  maxTotal: 21,
  bands: [
    { min: 0, max: 4, label: 'Minimal', level: 0 },
    { min: 5, max: 9, label: 'Mild', level: 1 },
    { min: 10, max: 14, label: 'Moderate', level: 2 },
    { min: 15, max: 21, label: 'Severe', level: 3 },
  ],
  cutoffs: [{ score: 10, label: 'Clinical cut-off (10)' }],
  reliableChangePoints: 4,
  meaningfulChangePoints: null,
  thresholdCitations: [],
  points: [
    ['2026-09-03T15:00:00Z', 17],
    ['2026-09-24T15:00:00Z', 13],
    ['2026-10-15T15:00:00Z', 9],
  ].map(([completedAt, total], index) => ({
    assessmentId: `a${index}`,
    completedAt: completedAt as string,
    total: total as number,
    severity: { label: 'Moderate', level: 2 },
    subscales: [],
    fromBaseline: null,
    fromPrevious: null,
  })),
};

const timeline: TimelineEvent[] = [
  { id: 't1', kind: 'formal_disclosure', label: null, occurredOn: '2026-09-10', note: null },
  { id: 't2', kind: 'other', label: 'Moved back home', occurredOn: '2026-09-12', note: null },
  { id: 't3', kind: 'relapse_or_new_discovery', label: null, occurredOn: '2026-10-20', note: null },
];

function progressFixture(overrides: Partial<ClientProgress> = {}): ClientProgress {
  return {
    client: { id: 'c', name: 'Jordan', legalName: 'Jordan Rivera', dateOfBirth: '1985-02-01' },
    range: { from: '2026-09-01', to: '2026-10-31' },
    generatedAt: '2026-11-01T12:00:00Z',
    measures: [gad7],
    trustPatterns: null,
    homework: { expected: 0, done: 0, rate: null, weeks: [], assignments: [] },
    checkIns: [
      {
        clientId: 'c',
        name: 'Jordan',
        partner: false,
        points: [
          { date: '2026-09-05', feltSafety: 3, promisesKept: null },
          { date: '2026-10-05', feltSafety: 6, promisesKept: null },
        ],
      },
    ],
    timeline,
    attendance: { completed: 6, cancelled: 1, lateCancelled: 0, noShow: 0, attendanceRate: 1 },
    risk: {
      raised: 1,
      acknowledged: 1,
      flags: [
        {
          instrumentCode: 'PHQ-9',
          message: 'Item 9 answered above zero',
          raisedAt: '2026-09-20T15:00:00Z',
          acknowledgedAt: '2026-09-20T16:00:00Z',
        },
      ],
      open: [],
    },
    ...overrides,
  };
}

const context: ReportPdfContext = {
  clinicName: 'Riverside Counselling',
  address: null,
  phone: null,
  paperSize: 'letter',
  timeZone: 'America/Chicago',
  therapistName: 'Dr. Ana Díaz',
  status: 'final',
  finalizedAt: new Date('2026-11-01T12:00:00Z'),
  release: false,
};

/** Set PDF_OUT=/some/dir to keep the PDFs and look at them (pdftoppm -png). */
function keep(name: string, pdf: Buffer): void {
  if (process.env['PDF_OUT']) writeFileSync(path.join(process.env['PDF_OUT'], name), pdf);
}

const narrative = (length: number) => ({
  summary: 'Steadier week to week. '.repeat(length),
  goalsAndProgress: 'Rebuilding routines of honesty. '.repeat(length),
  plan: 'Continue weekly sessions. '.repeat(length),
  recommendations: 'Keep the daily check-in. '.repeat(length),
});

describe('Report PDF layout', () => {
  it('labels every timeline line, says "1 risk flag" and never "(s)"', async () => {
    const pdf = await renderReportPdf(progressFixture(), narrative(3), context);
    keep('report.pdf', pdf);
    const text = (await pdfText(pdf)).text.replace(/\s+/g, ' ');
    expect(text).not.toContain('(s)');
    expect(text).toContain('1 risk flag raised, 1 acknowledged');
    // On the chart itself, not only in the events table: the table prints "Formal disclosure".
    expect(text.match(/Formal disclosure/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text.match(/Moved back home/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Severe');
  });

  it('says "2 risk flags" for two', async () => {
    const base = progressFixture();
    const pdf = await renderReportPdf(
      progressFixture({ risk: { ...base.risk, raised: 2, acknowledged: 0 } }),
      narrative(1),
      context,
    );
    expect((await pdfText(pdf)).text.replace(/\s+/g, ' ')).toContain(
      '2 risk flags raised, 0 acknowledged',
    );
  });

  it('never leaves the signature block alone on a page, whatever the narrative length', async () => {
    for (let length = 1; length <= 60; length += 1) {
      const pdf = await renderReportPdf(progressFixture(), narrative(length), context);
      const { pages } = await pdfText(pdf);
      const last = pages[pages.length - 1] ?? '';
      const body = last
        .replace(/Page \d+ of \d+/, '')
        .replace(/Confidential health information[^]*re-disclose\./, '')
        .replace(/Signature[^]*$/, '')
        .trim();
      if (body.length === 0) keep(`report-alone-${length}.pdf`, pdf);
      expect({ length, body: body.length > 0 }).toEqual({ length, body: true });
    }
  }, 120_000);
});
