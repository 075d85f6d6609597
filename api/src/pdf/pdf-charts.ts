import type { CairnPdf } from './pdf-document';

export interface ChartPoint {
  /** Calendar date YYYY-MM-DD or an ISO instant. */
  at: string;
  value: number;
}

export interface LineSeries {
  label: string;
  color: string;
  points: ChartPoint[];
}

export interface LineChartSpec {
  from: string;
  to: string;
  yMin: number;
  yMax: number;
  series: LineSeries[];
  /** Shaded horizontal bands (severity), lightest first. */
  bands?: { min: number; max: number; label: string }[];
  /** Dashed horizontal lines (cut-offs). */
  cutoffs?: { value: number; label: string }[];
  /** Dashed vertical lines (betrayal-timeline events). */
  markers?: { at: string; label: string }[];
  yLabel?: (value: number) => string;
  height?: number;
}

export interface BarGroup {
  label: string;
  bars: { value: number; color: string }[];
}

export interface BarChartSpec {
  groups: BarGroup[];
  yMax: number;
  legend: { label: string; color: string }[];
  yLabel?: (value: number) => string;
  height?: number;
}

const AXIS = '#8a9a9e';
const GRID = '#e3e9ea';
const TEXT = '#4a5a5e';
const CUTOFF = '#b0413e';
const MARKER = '#6b5b95';
const BAND_FILLS = ['#eef5f0', '#f7f3e6', '#f9ece3', '#f6e3e3', '#f1dcdc'];
const DAY_MS = 24 * 60 * 60 * 1000;

const time = (at: string) => Date.parse(at.length === 10 ? `${at}T12:00:00Z` : at);

/**
 * Line chart drawn with pdfkit's vector paths (sharp at any zoom, a few kilobytes): severity bands
 * behind, cut-offs and timeline events as dashed lines, each series as a line with dots.
 */
export function lineChart(pdf: CairnPdf, spec: LineChartSpec): void {
  const { doc } = pdf;
  const height = spec.height ?? 150;
  const left = 40;
  const start = time(spec.from) - DAY_MS / 2;
  const end = time(spec.to) + DAY_MS / 2;
  const markers = (spec.markers ?? []).filter(
    (marker) => time(marker.at) >= start && time(marker.at) <= end,
  );
  const x0 = doc.page.margins.left + left;
  const width = pdf.contentWidth - left - 8;
  // Timeline lines are numbered above the plot and named in a key under the legend.
  const numbersHeight = markers.length ? 10 : 0;
  const key = markers
    .map((marker, index) => `${index + 1}  ${shortDate(marker.at.slice(0, 10))}: ${marker.label}`)
    .join('     ');
  doc.font('regular').fontSize(7.5);
  const keyHeight = markers.length ? doc.heightOfString(key, { width: width }) + 4 : 0;
  const legendHeight = spec.series.length > 1 || markers.length ? 16 : 0;
  pdf.ensureSpace(height + 34 + numbersHeight + legendHeight + keyHeight);
  const top = doc.y + 4 + numbersHeight;
  const bottom = top + height;
  const span = Math.max(end - start, DAY_MS);
  const yRange = Math.max(spec.yMax - spec.yMin, 1e-9);
  const x = (at: string) => x0 + ((time(at) - start) / span) * width;
  const y = (value: number) => bottom - ((value - spec.yMin) / yRange) * height;
  const label = spec.yLabel ?? ((value: number) => String(value));

  doc.save();
  const bands = (spec.bands ?? []).map((band, index) => {
    const yTop = y(Math.min(band.max, spec.yMax));
    const yBottom = y(Math.max(band.min, spec.yMin));
    const fill = BAND_FILLS[index % BAND_FILLS.length] ?? '#eee';
    doc.rect(x0, yTop, width, Math.max(yBottom - yTop, 0)).fill(fill);
    return { label: band.label, yTop, yBottom, fill };
  });

  for (const tick of ticks(spec.yMin, spec.yMax)) {
    doc
      .moveTo(x0, y(tick))
      .lineTo(x0 + width, y(tick))
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
    doc.font('regular').fontSize(7).fillColor(TEXT);
    doc.text(label(tick), doc.page.margins.left, y(tick) - 4, {
      width: left - 6,
      align: 'right',
      lineBreak: false,
    });
  }
  for (const cutoff of spec.cutoffs ?? []) {
    doc
      .moveTo(x0, y(cutoff.value))
      .lineTo(x0 + width, y(cutoff.value))
      .dash(3, { space: 2 })
      .lineWidth(0.8)
      .strokeColor(CUTOFF)
      .stroke()
      .undash();
  }
  markers.forEach((marker) => {
    doc
      .moveTo(x(marker.at), top)
      .lineTo(x(marker.at), bottom)
      .dash(2, { space: 2 })
      .lineWidth(0.7)
      .strokeColor(MARKER)
      .stroke()
      .undash();
  });

  // Labels last, each on a patch of its band's colour, so no gridline or timeline line runs
  // through them; a band label sits vertically centred in its band, never on the plot's edge.
  for (const band of bands) {
    if (band.yBottom - band.yTop < 8) continue;
    labelPatch(pdf, band.label, x0 + width - 4, (band.yTop + band.yBottom) / 2 - 3.5, {
      align: 'right',
      color: TEXT,
      fill: band.fill,
    });
  }
  for (const cutoff of spec.cutoffs ?? []) {
    const fill = bands.find((band) => y(cutoff.value) - 5 > band.yTop)?.fill ?? '#ffffff';
    labelPatch(pdf, cutoff.label, x0 + 4, y(cutoff.value) - 10, {
      align: 'left',
      color: CUTOFF,
      fill: bands.length ? fill : '#ffffff',
    });
  }
  let numberRight = -Infinity;
  markers.forEach((marker, index) => {
    doc.font('bold').fontSize(6.5).fillColor(MARKER);
    const text = String(index + 1);
    const textWidth = doc.widthOfString(text);
    const at = Math.max(x(marker.at) - textWidth / 2, numberRight + 2);
    doc.text(text, at, top - 9, { lineBreak: false });
    numberRight = at + textWidth;
  });

  doc
    .moveTo(x0, top)
    .lineTo(x0, bottom)
    .lineTo(x0 + width, bottom)
    .lineWidth(0.6)
    .strokeColor(AXIS)
    .stroke();
  for (const tick of dateTicks(spec.from, spec.to)) {
    doc.font('regular').fontSize(7).fillColor(TEXT);
    doc.text(shortDate(tick), x(tick) - 30, bottom + 3, {
      width: 60,
      align: 'center',
      lineBreak: false,
    });
  }

  for (const series of spec.series) {
    const points = [...series.points].sort((a, b) => time(a.at) - time(b.at));
    points.forEach((point, index) => {
      if (index === 0) doc.moveTo(x(point.at), y(point.value));
      else doc.lineTo(x(point.at), y(point.value));
    });
    if (points.length > 1) doc.lineWidth(1.4).strokeColor(series.color).stroke();
    for (const point of points) doc.circle(x(point.at), y(point.value), 2.2).fill(series.color);
  }
  doc.restore();

  let legendX = x0;
  const legendY = bottom + 14;
  if (legendHeight) {
    for (const series of spec.series) {
      doc.rect(legendX, legendY + 2, 10, 3).fill(series.color);
      doc.font('regular').fontSize(7.5).fillColor(TEXT);
      doc.text(series.label, legendX + 14, legendY, { lineBreak: false });
      legendX += 24 + doc.widthOfString(series.label);
    }
    if (markers.length) {
      doc
        .moveTo(legendX, legendY + 4)
        .lineTo(legendX + 10, legendY + 4)
        .dash(2, { space: 2 })
        .strokeColor(MARKER)
        .stroke()
        .undash();
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(TEXT)
        .text('Timeline event (numbered above the chart)', legendX + 14, legendY, {
          lineBreak: false,
        });
    }
  }
  if (markers.length) {
    doc.font('regular').fontSize(7.5).fillColor(MARKER);
    doc.text(key, x0, legendY + 14, { width });
  }
  doc.x = doc.page.margins.left;
  doc.y = bottom + 16 + legendHeight + keyHeight;
}

/** A small label on a patch of background, so lines behind it never cross the letters. */
function labelPatch(
  pdf: CairnPdf,
  text: string,
  at: number,
  top: number,
  style: { align: 'left' | 'right'; color: string; fill: string },
): void {
  const { doc } = pdf;
  doc.font('regular').fontSize(6.5);
  const textWidth = doc.widthOfString(text);
  const left = style.align === 'right' ? at - textWidth : at;
  doc.rect(left - 2, top - 1, textWidth + 4, 9).fill(style.fill);
  doc.fillColor(style.color).text(text, left, top, { lineBreak: false });
}

/** Grouped vertical bars, drawn as vector rectangles. */
export function barChart(pdf: CairnPdf, spec: BarChartSpec): void {
  const { doc } = pdf;
  const height = spec.height ?? 130;
  const left = 40;
  pdf.ensureSpace(height + 50);
  const x0 = doc.page.margins.left + left;
  const width = pdf.contentWidth - left - 8;
  const top = doc.y + 4;
  const bottom = top + height;
  const yMax = Math.max(spec.yMax, 1e-9);
  const y = (value: number) => bottom - (Math.min(value, yMax) / yMax) * height;
  const label = spec.yLabel ?? ((value: number) => String(value));
  const groupWidth = width / Math.max(spec.groups.length, 1);

  doc.save();
  for (const tick of ticks(0, yMax)) {
    doc
      .moveTo(x0, y(tick))
      .lineTo(x0 + width, y(tick))
      .lineWidth(0.4)
      .strokeColor(GRID)
      .stroke();
    doc.font('regular').fontSize(7).fillColor(TEXT);
    doc.text(label(tick), doc.page.margins.left, y(tick) - 4, {
      width: left - 6,
      align: 'right',
      lineBreak: false,
    });
  }
  spec.groups.forEach((group, index) => {
    const inner = groupWidth * 0.7;
    const barWidth = inner / Math.max(group.bars.length, 1);
    const gx = x0 + index * groupWidth + (groupWidth - inner) / 2;
    group.bars.forEach((bar, barIndex) => {
      const barTop = y(bar.value);
      doc.rect(gx + barIndex * barWidth, barTop, barWidth - 1, bottom - barTop).fill(bar.color);
    });
    doc.font('regular').fontSize(6.5).fillColor(TEXT);
    doc.text(group.label, x0 + index * groupWidth, bottom + 3, {
      width: groupWidth,
      align: 'center',
      height: 18,
      ellipsis: true,
    });
  });
  doc
    .moveTo(x0, top)
    .lineTo(x0, bottom)
    .lineTo(x0 + width, bottom)
    .lineWidth(0.6)
    .strokeColor(AXIS)
    .stroke();
  doc.restore();

  let legendX = x0;
  const legendY = bottom + 24;
  for (const entry of spec.legend) {
    doc.rect(legendX, legendY + 1, 8, 6).fill(entry.color);
    doc.font('regular').fontSize(7.5).fillColor(TEXT);
    doc.text(entry.label, legendX + 12, legendY, { lineBreak: false });
    legendX += 24 + doc.widthOfString(entry.label);
  }
  doc.x = doc.page.margins.left;
  doc.y = legendY + 16;
}

/** About five round gridline values between min and max. */
export function ticks(min: number, max: number): number[] {
  const span = max - min;
  if (span <= 0) return [min];
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const values: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + 1e-9; value += step) {
    values.push(Math.round(value * 1000) / 1000);
  }
  return values;
}

/** Up to six evenly spaced dates across a period, for the time axis. */
export function dateTicks(from: string, to: string): string[] {
  const start = time(from);
  const end = time(to);
  const count = Math.min(6, Math.max(2, Math.round((end - start) / DAY_MS) + 1));
  return Array.from({ length: count }, (_, index) =>
    new Date(start + ((end - start) * index) / (count - 1)).toISOString().slice(0, 10),
  );
}

/** Built once: charts label every point, and building a formatter costs far more than using it. */
const SHORT_DATE_FORMAT = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: '2-digit',
  timeZone: 'UTC',
});

function shortDate(date: string): string {
  return SHORT_DATE_FORMAT.format(new Date(`${date}T12:00:00Z`));
}
