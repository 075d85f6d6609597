/**
 * The PDF benchmark's yardstick: the three-year progress report's pages drawn with pdfkit alone
 * (no Nest, no report classes, no script splitting), from the same progress data, with the same
 * embedded fonts, page size, margins, font sizes, charts (bands, cut-offs, event markers, lines,
 * bars) and tables. The app's time over this one is what the report code and the framework add.
 *
 * `node dist/bench/bench/src/bare-pdf.js progress.json out.pdf` draws one from a saved
 * `GET /api/clients/:id/progress` response.
 */
import type { ClientProgress, MeasureSeries } from '@cairn/contracts';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { API_MAIN } from './built-api';

const fontPath = createRequire(API_MAIN).resolve;
const FONTS = {
  regular: fontPath('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: fontPath('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};
const INK = '#1f2a2e';
const MUTED = '#5b6b70';
const ACCENT = '#2f5d62';
const BANDS = ['#eef5f0', '#f7f3e6', '#f9ece3', '#f6e3e3', '#f1dcdc'];
const M = 56;
const DAY_MS = 86_400_000;
const DAY = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const day = (date: string) => DAY.format(new Date(`${date.slice(0, 10)}T12:00:00Z`));

export async function drawBareReport(
  data: ClientProgress,
): Promise<{ pdf: Buffer; pages: number }> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: M, bottom: M + 18, left: M, right: M },
    bufferPages: true,
    info: { Title: 'Progress report', Creator: 'bench' },
    pdfVersion: '1.7',
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const width = doc.page.width - 2 * M;
  const room = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const say = (text: string, size = 10.5, weight = 'regular', color = INK, gap = 6) => {
    doc.font(weight).fontSize(size).fillColor(color).text(text, M, doc.y, { width });
    doc.y += gap;
  };
  const heading = (text: string, level: 1 | 2) => {
    room((level === 1 ? 18 : 13) * 1.25 + 10 + 42);
    doc.moveDown(0.4);
    say(text, level === 1 ? 18 : 13, 'bold', ACCENT, 4);
  };
  const rule = () => {
    room(12);
    const y = doc.y + 2;
    doc
      .moveTo(M, y)
      .lineTo(M + width, y)
      .lineWidth(0.6)
      .strokeColor('#c9d3d5')
      .stroke();
    doc.y = y + 8;
  };
  const table = (headers: string[], rows: string[][]) => {
    const column = width / headers.length;
    for (const [index, cells] of [headers, ...rows].entries()) {
      room(16);
      const y = doc.y;
      let bottom = y;
      doc
        .font(index === 0 ? 'bold' : 'regular')
        .fontSize(8.5)
        .fillColor(INK);
      cells.forEach((cell, i) => {
        doc.text(cell, M + i * column, y, { width: column - 6 });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 2;
    }
    doc.x = M;
    doc.y += 6;
  };
  const from = Date.parse(data.range.from);
  const span = Math.max(1, Date.parse(data.range.to) - from);
  const markers = data.timeline.map((event) => ({ at: event.occurredOn, label: event.kind }));
  const lineChart = (
    series: { color: string; points: { at: string; value: number }[] }[],
    yMin: number,
    yMax: number,
    bands: { min: number; max: number }[] = [],
    cutoffs: number[] = [],
  ) => {
    const height = 150;
    room(height + 34 + 28);
    const top = doc.y + 6;
    const left = M + 28;
    const w = width - 28;
    const bottom = top + height;
    const x = (at: string) => left + ((Date.parse(at) - from) / span) * w;
    const y = (v: number) => bottom - ((v - yMin) / Math.max(1, yMax - yMin)) * height;
    bands.forEach((band, i) => {
      doc
        .rect(left, y(Math.min(band.max, yMax)), w, y(band.min) - y(Math.min(band.max, yMax)))
        .fill(BANDS[i % BANDS.length] ?? BANDS[0]);
    });
    doc.font('regular').fontSize(7).fillColor(MUTED);
    for (let i = 0; i <= 4; i++) {
      const v = yMin + ((yMax - yMin) * i) / 4;
      doc
        .moveTo(left, y(v))
        .lineTo(left + w, y(v))
        .lineWidth(0.4)
        .strokeColor('#e3e9ea')
        .stroke();
      doc.text(String(Math.round(v)), M, y(v) - 4, { width: 24, align: 'right' });
    }
    for (let t = from; t <= from + span; t += 182 * DAY_MS) {
      const at = new Date(t).toISOString();
      doc.text(day(at), x(at) - 20, bottom + 4, { width: 40, align: 'center' });
    }
    for (const value of cutoffs) {
      doc
        .moveTo(left, y(value))
        .lineTo(left + w, y(value))
        .dash(3, { space: 2 });
      doc.strokeColor('#b0413e').stroke().undash();
    }
    for (const marker of markers) {
      doc.moveTo(x(marker.at), top).lineTo(x(marker.at), bottom).strokeColor('#6b5b95').stroke();
    }
    for (const line of series) {
      line.points.forEach((point, i) => {
        if (i === 0) doc.moveTo(x(point.at), y(point.value));
        else doc.lineTo(x(point.at), y(point.value));
      });
      doc.lineWidth(1.2).strokeColor(line.color).stroke();
      for (const point of line.points)
        doc.circle(x(point.at), y(point.value), 1.6).fill(line.color);
    }
    doc.y = bottom + 18;
    say(markers.map((marker, i) => `${i + 1} ${marker.label}`).join('   '), 7, 'regular', MUTED);
  };
  const barChart = (values: { label: string; value: number }[], yMax: number) => {
    const height = 130;
    room(height + 50);
    const top = doc.y + 6;
    const bottom = top + height;
    const slot = (width - 28) / Math.max(1, values.length);
    values.forEach((bar, i) => {
      const h = (Math.min(bar.value, yMax) / yMax) * height;
      doc.rect(M + 28 + i * slot + slot * 0.15, bottom - h, slot * 0.7, h).fill(ACCENT);
    });
    doc.font('regular').fontSize(6.5).fillColor(MUTED);
    values.forEach((bar, i) => {
      if (values.length <= 24 || i % Math.ceil(values.length / 12) === 0) {
        doc.text(bar.label, M + 28 + i * slot - 10, bottom + 3, { width: slot + 20 });
      }
    });
    doc.y = bottom + 24;
  };
  const measure = (series: MeasureSeries) => {
    room(260);
    heading(series.title, 2);
    if (series.interpretation) say(series.interpretation, 9, 'regular', MUTED, 4);
    lineChart(
      [
        {
          color: ACCENT,
          points: series.points.flatMap((p) =>
            p.total === null ? [] : [{ at: p.completedAt, value: p.total }],
          ),
        },
      ],
      series.minTotal ?? 0,
      series.maxTotal ?? 10,
      series.bands.map((band) => ({ min: band.min, max: band.max + 1 })),
      series.cutoffs.map((cutoff) => cutoff.score),
    );
    table(
      ['Date', 'Score', 'Severity', 'Change from first score'],
      series.points.map((p) => [
        day(p.completedAt),
        p.total === null ? '—' : `${p.total}${series.maxTotal ? ` / ${series.maxTotal}` : ''}`,
        p.severity?.label ?? '—',
        p.fromBaseline
          ? `${p.fromBaseline.delta > 0 ? '+' : ''}${p.fromBaseline.delta}`
          : 'first score',
      ]),
    );
    const withRules = series.points.filter((p) => (p.diagnostic ?? []).length > 0);
    const clusters = withRules[0]?.subscales ?? [];
    if (withRules.length > 0) {
      say('Clusters and the DSM-5 symptom rule', 9.5, 'bold', INK, 4);
      table(
        ['Date', ...clusters.map((c) => `Cluster ${c.id}`), 'DSM-5 rule'],
        withRules.map((p) => [
          day(p.completedAt),
          ...clusters.map((c) => String(p.subscales.find((s) => s.id === c.id)?.score ?? '—')),
          (p.diagnostic ?? []).every((f) => f.met) ? 'Met' : 'Not met',
        ]),
      );
    }
  };

  doc.rect(0, 0, doc.page.width, 6).fill(ACCENT);
  say('Benchmark Counselling', 11, 'bold', ACCENT, 0);
  say('Progress report', 18, 'bold', INK, 6);
  rule();
  for (const [label, value] of [
    ['Client', data.client.legalName],
    ['Date of birth', data.client.dateOfBirth ?? 'Not recorded'],
    ['Period', `${day(data.range.from)} to ${day(data.range.to)}`],
    ['Therapist', 'Dr. Bench Marker'],
    ['Status', 'Draft: not yet final'],
  ] as const) {
    const y = doc.y;
    doc.font('bold').fontSize(9.5).fillColor(MUTED).text(label, M, y, { width: 122 });
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .text(value, M + 130, y, { width: width - 130 });
    doc.y += 3;
  }
  rule();
  heading('Summary', 1);
  say('Not written.');
  heading('Measures', 1);
  for (const series of data.measures) measure(series);
  if (data.trustPatterns?.baseline) {
    const { baseline, latest } = data.trustPatterns;
    room(260);
    heading(data.trustPatterns.title, 2);
    say(data.trustPatterns.interpretation ?? '', 9.5);
    barChart(
      baseline.subscales.map((s) => ({ label: s.label, value: s.score ?? 0 })),
      4,
    );
    table(
      ['Pattern', 'At intake', 'Latest'],
      baseline.subscales.map((s) => [
        s.label,
        (s.score ?? 0).toFixed(1),
        (latest?.subscales.find((l) => l.id === s.id)?.score ?? 0).toFixed(1),
      ]),
    );
  }
  room(260);
  heading('Homework', 1);
  say(`Done ${data.homework.done} of ${data.homework.expected} expected.`);
  barChart(
    data.homework.weeks.map((week) => ({
      label: week.weekOf.slice(5),
      value: Math.round((week.rate ?? 0) * 100),
    })),
    100,
  );
  table(
    ['Exercise', 'How often', 'Done', 'Expected', 'Adherence'],
    data.homework.assignments.map((item) => [
      item.title,
      item.frequency,
      String(item.done),
      String(item.expected),
      item.expected ? `${Math.round((item.done / item.expected) * 100)}%` : '—',
    ]),
  );
  if (data.checkIns.length > 0) {
    room(260);
    heading('Daily repair check-in', 2);
    lineChart(
      data.checkIns.map((series) => ({
        color: series.partner ? '#c0703a' : ACCENT,
        points: series.points.flatMap((p) =>
          p.feltSafety === null ? [] : [{ at: p.date, value: p.feltSafety }],
        ),
      })),
      0,
      10,
    );
    table(
      ['Who', 'Check-ins'],
      data.checkIns.map((series) => [series.name, String(series.points.length)]),
    );
  }
  heading('Attendance', 1);
  const a = data.attendance;
  table(
    ['Attended', 'Cancelled in time', 'Late cancellations', 'Did not attend'],
    [[String(a.completed), String(a.cancelled), String(a.lateCancelled), String(a.noShow)]],
  );
  heading('Safety', 1);
  say(`${data.risk.raised} risk flags raised, ${data.risk.acknowledged} acknowledged.`);
  for (const flag of data.risk.flags)
    say(`${day(flag.raisedAt)}: ${flag.message}`, 9, 'regular', MUTED, 4);
  if (data.timeline.length > 0) {
    heading('Events in this period', 2);
    table(
      ['Date', 'Event'],
      data.timeline.map((event) => [day(event.occurredOn), event.label ?? event.kind]),
    );
  }
  for (const title of ['Goals and progress', 'Plan', 'Recommendations']) {
    heading(title, 1);
    say('Not written.');
  }
  room(80);
  rule();
  heading('Signature', 2);
  say('Signed: ______________________________        Date: ________________');
  say('Dr. Bench Marker', 9, 'regular', MUTED, 4);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    const y = doc.page.height - M + 4;
    doc.text('Confidential health information.', M, y, { width: width - 70 });
    doc.text(`Page ${i + 1} of ${range.count}`, M, y, { width, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return { pdf: await done, pages: range.count };
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write('usage: bare-pdf.js <progress.json> <out.pdf>\n');
    process.exit(2);
  }
  void drawBareReport(JSON.parse(readFileSync(input, 'utf8')) as ClientProgress).then(
    ({ pdf, pages }) => {
      writeFileSync(output, pdf);
      process.stdout.write(`${pages} pages, ${pdf.length} bytes\n`);
    },
  );
}
