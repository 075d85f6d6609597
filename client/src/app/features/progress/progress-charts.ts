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
