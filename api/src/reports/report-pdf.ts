import {
  percent,
  todayIn,
  TIMELINE_EVENT_LABELS,
  type ClientProgress,
  type MeasureSeries,
  type ProgressReportNarrative,
  type ReportStatus,
} from '@cairn/contracts';
import { TRUST_PATTERNS_INTERPRETATION } from '@cairn/instruments';
import { barChart, lineChart } from '../pdf/pdf-charts';
import { CairnPdf, type PdfLetterhead } from '../pdf/pdf-document';

export interface ReportPdfContext extends PdfLetterhead {
  timeZone: string;
  therapistName: string;
  status: ReportStatus;
  finalizedAt: Date | null;
  /** The copy that leaves the clinic (client, referrer): no partner's data, no risk section. */
  release: boolean;
}

export const REPORT_FOOTER =
  'Confidential health information, for the person it concerns and those they have authorised. Do not re-disclose.';

/** For reports snapshotted before the anchors were stored: the inventory's own scale. */
const TRUST_PATTERNS_SCALE = { min: 0, minLabel: 'Never', max: 4, maxLabel: 'Almost always' };
const TRUST_PATTERNS_NOTE = TRUST_PATTERNS_INTERPRETATION.note;

/** Room for a heading, its chart and the first rows of its table. */
export const CHART_BLOCK = 260;

const COLORS = { client: '#2f5d62', partner: '#c0703a', baseline: '#9fb8bb', latest: '#2f5d62' };

/** The progress report as a PDF, every chart drawn as vectors, every figure also in a table. */
export async function renderReportPdf(
  data: ClientProgress,
  narrative: ProgressReportNarrative,
  context: ReportPdfContext,
): Promise<Buffer> {
  const pdf = new CairnPdf({
    title: context.status === 'final' ? 'Progress report' : 'Progress report (draft preview)',
    clinicName: context.clinicName,
    address: context.address,
    phone: context.phone,
    paperSize: context.paperSize,
    footer: REPORT_FOOTER,
  });
  const day = (date: string) => formatDay(date);
  // An instant printed as a date is the clinic's date: an evening completion is that evening's.
  const dayOf = (instant: string) => formatDay(todayIn(context.timeZone, new Date(instant)));
  // Each line on a chart is named as the events table names it ("Other: Moved back home").
  const markers = data.timeline.map((event) => ({
    at: event.occurredOn,
    label: timelineLabel(event),
  }));

  pdf.facts([
    ['Client', data.client.legalName],
    ['Date of birth', data.client.dateOfBirth ?? 'Not recorded'],
    ['Period', `${day(data.range.from)} to ${day(data.range.to)}`],
    ['Therapist', context.therapistName],
    [
      'Status',
      context.status === 'final'
        ? `Final, ${formatInstant(context.finalizedAt, context.timeZone)}`
        : 'Draft: not yet final',
    ],
  ]);
  pdf.rule();

  // Risk still open is never left to the back pages of the file copy.
  const openFlags = context.release ? [] : (data.risk.open ?? []);
  if (openFlags.length > 0) {
    pdf.heading('Open risk flags', 2);
    for (const flag of openFlags) {
      pdf.paragraph(`${dayOf(flag.raisedAt)} (${flag.instrumentCode}): ${flag.message}`, {
        weight: 'bold',
      });
    }
    pdf.muted('Not yet acknowledged by the therapist when this report was made.');
    pdf.rule();
  }

  section(pdf, 'Summary', narrative.summary);

  pdf.heading('Measures', 1);
  if (data.measures.length === 0) pdf.paragraph('No questionnaires were completed in this period.');
  for (const series of data.measures) measureSection(pdf, series, data, markers, context.timeZone);

  if (data.trustPatterns?.baseline) {
    const { baseline, latest } = data.trustPatterns;
    pdf.ensureSpace(CHART_BLOCK);
    pdf.heading(data.trustPatterns.title, 2);
    const scale = data.trustPatterns.scale ?? TRUST_PATTERNS_SCALE;
    pdf.muted(
      `A clinical aid, not a diagnostic scale: the mean of each pattern's statements, ${scale.min} (${scale.minLabel}) to ${scale.max} (${scale.maxLabel}).`,
    );
    pdf.paragraph(data.trustPatterns.interpretation ?? TRUST_PATTERNS_NOTE, { size: 9.5 });
    if (latest?.version && (baseline.version ?? '1') !== latest.version) {
      pdf.muted(
        `Intake was answered on version ${baseline.version ?? '1'} of the inventory (earlier wording); the patterns are the same and scored the same way.`,
      );
    }
    for (const [label, snapshot] of [
      ['At intake', baseline],
      ['Latest', latest],
    ] as const) {
      const given = snapshot?.context ?? [];
      if (!snapshot || given.length === 0) continue;
      pdf.muted(`${label}, the client's context: ${given.join('; ')}.`);
      for (const note of snapshot.notes ?? []) pdf.muted(note);
    }
    barChart(pdf, {
      yMax: 4,
      groups: baseline.subscales.map((subscale) => ({
        label: subscale.label,
        bars: [
          { value: subscale.score ?? 0, color: COLORS.baseline },
          ...(latest
            ? [
                {
                  value: latest.subscales.find((s) => s.id === subscale.id)?.score ?? 0,
                  color: COLORS.latest,
                },
              ]
            : []),
        ],
      })),
      legend: [
        { label: `At intake (${dayOf(baseline.completedAt)})`, color: COLORS.baseline },
        ...(latest
          ? [{ label: `Latest (${dayOf(latest.completedAt)})`, color: COLORS.latest }]
          : []),
      ],
    });
    table(
      pdf,
      ['Pattern', 'At intake', 'Latest'],
      baseline.subscales.map((subscale) => [
        subscale.label,
        fixed(subscale.score),
        latest ? fixed(latest.subscales.find((s) => s.id === subscale.id)?.score ?? null) : '—',
      ]),
    );
  }

  homeworkSection(pdf, data.homework);

  const checkIns = data.checkIns.filter((series) => !(context.release && series.partner));
  if (checkIns.length > 0) {
    pdf.ensureSpace(CHART_BLOCK);
    pdf.heading('Daily repair check-in', 2);
    lineChart(pdf, {
      from: data.range.from,
      to: data.range.to,
      yMin: 0,
      yMax: 10,
      series: checkIns.map((series) => ({
        label: `${series.name}: felt safety`,
        color: series.partner ? COLORS.partner : COLORS.client,
        points: series.points.flatMap((point) =>
          point.feltSafety === null ? [] : [{ at: point.date, value: point.feltSafety }],
        ),
      })),
      markers,
    });
    table(
      pdf,
      ['Who', 'Check-ins', 'Average felt safety (0–10)', 'Promises kept'],
      checkIns.map((series) => {
        const safety = series.points.flatMap((point) =>
          point.feltSafety === null ? [] : [point.feltSafety],
        );
        const promises = series.points.flatMap((point) =>
          point.promisesKept === null ? [] : [point.promisesKept],
        );
        return [
          series.name,
          String(series.points.length),
          fixed(mean(safety)),
          percent(mean(promises)),
        ];
      }),
    );
  }

  pdf.heading('Attendance', 1);
  const { attendance } = data;
  table(
    pdf,
    ['Attended', 'Cancelled in time', 'Late cancellations', 'Did not attend', 'Attendance'],
    [
      [
        String(attendance.completed),
        String(attendance.cancelled),
        String(attendance.lateCancelled),
        String(attendance.noShow),
        percent(attendance.attendanceRate),
      ],
    ],
  );

  if (!context.release) {
    pdf.heading('Safety', 1);
    pdf.paragraph(
      data.risk.raised === 0
        ? 'No risk flags were raised in this period.'
        : `${count(data.risk.raised, 'risk flag')} raised, ${data.risk.acknowledged} acknowledged by the therapist.`,
    );
    for (const flag of data.risk.flags) {
      pdf.muted(
        `${dayOf(flag.raisedAt)}: ${flag.message}${flag.acknowledgedAt ? ' (acknowledged)' : ' (open)'}`,
      );
    }
  }

  if (data.timeline.length > 0) {
    pdf.heading('Events in this period', 2);
    table(
      pdf,
      ['Date', 'Event'],
      data.timeline.map((event) => [day(event.occurredOn), timelineLabel(event)]),
    );
  }

  section(pdf, 'Goals and progress', narrative.goalsAndProgress);
  section(pdf, 'Plan', narrative.plan);
  const finalized =
    context.status === 'final'
      ? `Finalized electronically by ${context.therapistName} on ${formatInstant(context.finalizedAt, context.timeZone)}.`
      : null;
  const signedLine = 'Signed: ______________________________        Date: ________________';
  const signatureHeight =
    12 +
    pdf.headingHeight(2) +
    (finalized ? pdf.measure(finalized) : 0) +
    pdf.measure(signedLine) +
    pdf.measure(context.therapistName, { size: 9, gap: 4 });
  // The signature never stands alone on a page: the last section moves over with it.
  const recommendations = narrative.recommendations.trim() || 'Not written.';
  pdf.keepTogether(pdf.headingHeight(1) + pdf.measure(recommendations) + signatureHeight);
  section(pdf, 'Recommendations', recommendations);

  pdf.ensureSpace(signatureHeight);
  pdf.rule();
  pdf.heading('Signature', 2, 0);
  if (finalized) pdf.paragraph(finalized);
  pdf.paragraph(signedLine);
  pdf.muted(context.therapistName);
  return pdf.finish();
}

/** Homework follow-through: the weekly chart and each exercise's adherence. */
export function homeworkSection(pdf: CairnPdf, homework: ClientProgress['homework']): void {
  pdf.ensureSpace(CHART_BLOCK);
  pdf.heading('Homework', 1);
  if (homework.expected === 0) {
    pdf.paragraph('No homework was due in this period.');
  } else {
    pdf.paragraph(
      `Done ${homework.done} of ${homework.expected} expected (${percent(homework.rate)}).`,
    );
    barChart(pdf, {
      yMax: 100,
      yLabel: (value) => `${value}%`,
      groups: homework.weeks.map((week) => ({
        label: shortDay(week.weekOf),
        bars: [{ value: Math.round((week.rate ?? 0) * 100), color: COLORS.client }],
      })),
      legend: [{ label: 'Share of the week’s homework done', color: COLORS.client }],
    });
    table(
      pdf,
      ['Exercise', 'How often', 'Done', 'Expected', 'Adherence'],
      homework.assignments.map((item) => [
        item.title,
        item.frequency,
        String(item.done),
        String(item.expected),
        percent(item.expected ? item.done / item.expected : null),
      ]),
    );
  }
}

export function measureSection(
  pdf: CairnPdf,
  series: MeasureSeries,
  data: ClientProgress,
  markers: { at: string; label: string }[],
  timeZone: string,
): void {
  const clinicDay = (instant: string) => todayIn(timeZone, new Date(instant));
  pdf.ensureSpace(CHART_BLOCK); // the heading stays with its chart
  pdf.heading(series.title, 2);
  if (series.interpretation) pdf.muted(series.interpretation);
  const totals = series.points.flatMap((point) => (point.total === null ? [] : [point.total]));
  lineChart(pdf, {
    from: data.range.from,
    to: data.range.to,
    yMin: series.minTotal ?? 0,
    yMax: series.maxTotal ?? Math.max(...totals, 1),
    bands: series.bands.map((band) => ({ min: band.min, max: band.max + 1, label: band.label })),
    cutoffs: series.cutoffs.map((cutoff) => ({ value: cutoff.score, label: cutoff.label })),
    markers,
    series: [
      {
        label: series.title,
        color: COLORS.client,
        points: series.points.flatMap((point) =>
          point.total === null ? [] : [{ at: clinicDay(point.completedAt), value: point.total }],
        ),
      },
    ],
  });
  table(
    pdf,
    ['Date', 'Score', 'Severity', 'Change from first score'],
    series.points.map((point) => [
      formatDay(clinicDay(point.completedAt)),
      point.total === null
        ? '—'
        : `${point.total}${series.maxTotal ? ` / ${series.maxTotal}` : ''}`,
      point.severity?.label ?? '—',
      point.fromBaseline
        ? `${point.fromBaseline.delta > 0 ? '+' : ''}${point.fromBaseline.delta}${point.fromBaseline.reliable ? ` (reliable ${point.fromBaseline.reliable})` : ''}`
        : 'first score',
    ]),
  );
  if (series.higherIsBetter) pdf.muted('Higher scores mean more self-trust: a rise is growth.');
  clusterTable(pdf, series, clinicDay);
}

/**
 * Subscales that are sums of a symptom cluster (PCL-5 B to E) and any provisional-diagnosis rule,
 * per administration, under the totals.
 */
function clusterTable(
  pdf: CairnPdf,
  series: MeasureSeries,
  clinicDay: (instant: string) => string,
): void {
  const withRules = series.points.filter((point) => (point.diagnostic ?? []).length > 0);
  if (withRules.length === 0) return;
  const clusters = withRules[0]?.subscales ?? [];
  pdf.write('Clusters and the DSM-5 symptom rule', { weight: 'bold', size: 9.5, gap: 4 });
  table(
    pdf,
    ['Date', ...clusters.map((cluster) => `Cluster ${cluster.id}`), 'DSM-5 rule'],
    withRules.map((point) => [
      formatDay(clinicDay(point.completedAt)),
      ...clusters.map((cluster) =>
        String(point.subscales.find((item) => item.id === cluster.id)?.score ?? '—'),
      ),
      (point.diagnostic ?? []).every((finding) => finding.met) ? 'Met' : 'Not met',
    ]),
  );
  pdf.muted(
    'DSM-5 rule: items rated 2 (moderately) or more, at least 1 in B, 1 in C, 2 in D and 2 in E. Provisional only; confirm with a structured interview.',
  );
}

function section(pdf: CairnPdf, heading: string, text: string): void {
  pdf.heading(heading, 1);
  pdf.paragraph(text.trim() || 'Not written.');
}

/** A simple table: header row in bold, rows below, columns sharing the width evenly. */
export function table(pdf: CairnPdf, headers: string[], rows: string[][]): void {
  const { doc } = pdf;
  const left = doc.page.margins.left;
  const width = pdf.contentWidth / headers.length;
  const row = (cells: string[], bold: boolean) => {
    pdf.ensureSpace(16);
    const y = doc.y;
    let bottom = y;
    cells.forEach((cell, index) => {
      doc.y = y;
      pdf.write(cell, {
        weight: bold ? 'bold' : 'regular',
        size: 8.5,
        indent: index * width,
        width: width - 6,
      });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 2;
    doc.x = left;
  };
  row(headers, true);
  for (const cells of rows) row(cells, false);
  doc.y += 6;
}

export function timelineLabel(event: ClientProgress['timeline'][number]): string {
  return [TIMELINE_EVENT_LABELS[event.kind], event.label].filter(Boolean).join(': ');
}

/** "1 risk flag", "2 risk flags". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}

function fixed(value: number | null): string {
  return value === null ? '—' : value.toFixed(1);
}

// Built once: a formatter costs far more to build than to use, and tables call these per row.
const DAY_FORMAT = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const SHORT_DAY_FORMAT = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

export function formatDay(date: string): string {
  return DAY_FORMAT.format(new Date(`${date}T12:00:00Z`));
}

function shortDay(date: string): string {
  return SHORT_DAY_FORMAT.format(new Date(`${date}T12:00:00Z`));
}

function formatInstant(instant: Date | null, timeZone: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(instant);
}
