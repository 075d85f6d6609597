import type { ClientProgress, MeasureSeries } from '@cairn/contracts';

/** ngx-charts data shapes, built from the progress figures (pure, so they are easy to test). */
export interface ChartSeries {
  name: string;
  series: { name: Date | string; value: number }[];
}

export interface ReferenceLine {
  name: string;
  value: number;
}

export function measureSeries(measure: MeasureSeries): ChartSeries[] {
  return [
    {
      name: measure.title,
      series: measure.points.flatMap((point) =>
        point.total === null ? [] : [{ name: new Date(point.completedAt), value: point.total }],
      ),
    },
  ];
}

/** Cut-offs and the lower edge of each severity band, drawn as labelled lines across the chart. */
export function measureReferenceLines(measure: MeasureSeries): ReferenceLine[] {
  return [
    ...measure.cutoffs.map((cutoff) => ({ name: `Cut-off ${cutoff.score}`, value: cutoff.score })),
    // A band edge that is also a cut-off is drawn once, as the cut-off.
    ...measure.bands
      .filter((band) => band.min > (measure.minTotal ?? 0))
      .filter((band) => !measure.cutoffs.some((cutoff) => cutoff.score === band.min))
      .map((band) => ({ name: band.label, value: band.min })),
  ];
}

export function trustBars(progress: ClientProgress): ChartSeries[] {
  const comparison = progress.trustPatterns;
  if (!comparison?.baseline) return [];
  return comparison.baseline.subscales.map((subscale) => ({
    name: subscale.label,
    series: [
      { name: 'At intake', value: subscale.score ?? 0 },
      ...(comparison.latest
        ? [
            {
              name: 'Latest',
              value: comparison.latest.subscales.find((s) => s.id === subscale.id)?.score ?? 0,
            },
          ]
        : []),
    ],
  }));
}

export function adherenceBars(progress: ClientProgress): { name: string; value: number }[] {
  return progress.homework.weeks.map((week) => ({
    name: week.weekOf,
    value: Math.round((week.rate ?? 0) * 100),
  }));
}

export function checkInLines(progress: ClientProgress): ChartSeries[] {
  return progress.checkIns.map((series) => ({
    name: series.name,
    series: series.points.flatMap((point) =>
      point.feltSafety === null
        ? []
        : [{ name: new Date(`${point.date}T12:00:00`), value: point.feltSafety }],
    ),
  }));
}

/** Where an event falls across the period, as a percentage of its width (for the event strip). */
export function positionInRange(date: string, range: { from: string; to: string }): number {
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T23:59:59Z`);
  const at = Date.parse(`${date}T12:00:00Z`);
  return Math.min(100, Math.max(0, ((at - start) / Math.max(end - start, 1)) * 100));
}

/**
 * One line that says what a score chart shows, for screen readers (the chart itself is hidden
 * from them; the table beside it holds every value): "PHQ-9: 3 scores, first 14, latest 9 (5
 * lower)".
 */
export function measureSummary(measure: MeasureSeries): string {
  const totals = measure.points.flatMap((point) => (point.total === null ? [] : [point.total]));
  const name = measure.title;
  if (totals.length === 0) return `${name}: no scores in this period.`;
  const first = totals[0] ?? 0;
  const latest = totals[totals.length - 1] ?? 0;
  if (totals.length === 1) return `${name}: one score, ${first}.`;
  const delta = latest - first;
  const change = delta === 0 ? 'no change' : `${Math.abs(delta)} ${delta > 0 ? 'higher' : 'lower'}`;
  return `${name}: ${totals.length} scores, first ${first}, latest ${latest} (${change}).`;
}

/** "Homework: 4 weeks, from 50% to 100% done." */
export function adherenceSummary(progress: ClientProgress): string {
  const weeks = adherenceBars(progress);
  if (weeks.length === 0) return 'Homework: nothing was due in this period.';
  const first = weeks[0]?.value ?? 0;
  const last = weeks[weeks.length - 1]?.value ?? 0;
  return `Homework: ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}, from ${first}% to ${last}% done.`;
}

/** "Felt safety: Jordan 5 to 7 over 12 check-ins; Alex 6 to 6 over 9." */
export function checkInSummary(progress: ClientProgress): string {
  const lines = checkInLines(progress).filter((line) => line.series.length > 0);
  if (lines.length === 0) return 'Felt safety: no check-ins in this period.';
  return `Felt safety (0–10): ${lines
    .map((line) => {
      const first = line.series[0]?.value ?? 0;
      const last = line.series[line.series.length - 1]?.value ?? 0;
      return `${line.name} ${first} to ${last} over ${line.series.length} check-ins`;
    })
    .join('; ')}.`;
}
