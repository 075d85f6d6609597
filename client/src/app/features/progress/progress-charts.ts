import {
  weekOf,
  type ClientProgress,
  type MeasureSeries,
  type TimelineEvent,
  type TimelineEventKind,
} from '@cairn/contracts';

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

/**
 * "Homework: 7 of 9 done over 4 weeks (78%); weekly 50% to 100%, latest 100%." The total comes
 * first because the first and last week alone can read "100% to 100%" over a dip in between;
 * weeks with nothing due are left out of the range rather than counted as none done.
 */
export function adherenceSummary(progress: ClientProgress): string {
  const { done, expected, rate, weeks } = progress.homework;
  const due = weeks.flatMap((week) => (week.rate === null ? [] : [Math.round(week.rate * 100)]));
  if (expected === 0 || due.length === 0) return 'Homework: nothing was due in this period.';
  const span = `${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'}`;
  const overall = `Homework: ${done} of ${expected} done over ${span} (${Math.round((rate ?? 0) * 100)}%)`;
  if (due.length === 1) return `${overall}.`;
  const low = Math.min(...due);
  const high = Math.max(...due);
  const latest = due[due.length - 1] ?? 0;
  const range =
    low === high ? `every week ${low}%` : `weekly ${low}% to ${high}%, latest ${latest}%`;
  return `${overall}; ${range}.`;
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

const DAY_MS = 24 * 60 * 60 * 1000;
/** A chart never spans less than two weeks: three scores a day apart are not a trend line. */
const MIN_SPAN_MS = 14 * DAY_MS;
/** Breathing room either side, so the first and last points are not drawn on the axes. */
const PAD_FRACTION = 0.06;

/** A chart's time axis, in milliseconds since the epoch. */
export interface TimeSpan {
  min: number;
  max: number;
}

/** The period's own edges, in the browser's time (as the points are drawn). */
export function periodSpan(range: { from: string; to: string }): TimeSpan {
  return { min: Date.parse(`${range.from}T00:00:00`), max: Date.parse(`${range.to}T23:59:59`) };
}

/**
 * One chart's own time axis: from its first to its last point, with a little room either side
 * and at least two weeks wide, never past the period. Three weeks of check-ins fill their chart
 * instead of being squeezed into the right edge of a six-month window; with no points the chart
 * shows the period.
 */
export function chartSpan(series: ChartSeries[], range: { from: string; to: string }): TimeSpan {
  const period = periodSpan(range);
  const times = series.flatMap((line) =>
    line.series.map((point) => new Date(point.name).getTime()),
  );
  if (times.length === 0) return period;
  let min = Math.min(...times);
  let max = Math.max(...times);
  if (max - min < MIN_SPAN_MS) {
    const grow = (MIN_SPAN_MS - (max - min)) / 2;
    min -= grow;
    max += grow;
  }
  const pad = (max - min) * PAD_FRACTION;
  return { min: Math.max(period.min, min - pad), max: Math.min(period.max, max + pad) };
}

/** A labelled timeline event on a chart: where across it (0–1), and which label row. */
export interface ChartMarker {
  id: string;
  label: string;
  /** The full wording, for the tooltip. */
  title: string;
  at: number;
  row: 0 | 1;
}

/** Labels stay short enough to sit above a chart without covering it. */
const MARKER_LABEL_MAX = 24;
/** Two labels closer than this (a fraction of the width) go on different rows. */
const MARKER_CROWDED = 0.22;

/**
 * The client's timeline events that fall inside a chart's time axis, each with a short label
 * ("Formal disclosure", or the therapist's own title for "other"); labels that would collide
 * alternate between two rows.
 */
export function chartMarkers(
  events: TimelineEvent[],
  span: TimeSpan,
  labels: Record<TimelineEventKind, string>,
): ChartMarker[] {
  const width = Math.max(span.max - span.min, 1);
  return labelMarkers(
    events.flatMap((event) => {
      const time = Date.parse(`${event.occurredOn}T12:00:00`);
      return time >= span.min && time <= span.max ? [{ event, at: (time - span.min) / width }] : [];
    }),
    labels,
  );
}

/**
 * The client's timeline events on the weekly homework bars. The bars are weeks, not a time axis,
 * so each event sits in its own week's slot (its bar and half the gap either side), at its
 * weekday: `at` runs across the slots (0–1) and the chart maps it onto its bars. An event in a
 * week without a bar (nothing was due) sits on the seam between the bars either side; events
 * before the first week or after the last are left out.
 */
export function weekMarkers(
  events: TimelineEvent[],
  weeks: string[],
  labels: Record<TimelineEventKind, string>,
): ChartMarker[] {
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (first === undefined || last === undefined) return [];
  const slots = new Map(weeks.map((week, index) => [week, index]));
  return labelMarkers(
    events.flatMap((event) => {
      const monday = weekOf(event.occurredOn);
      if (monday < first || monday > last) return [];
      const index = slots.get(monday);
      const weekday = (new Date(`${event.occurredOn}T00:00:00Z`).getUTCDay() + 6) % 7;
      const slot =
        index === undefined
          ? weeks.filter((week) => week < monday).length
          : index + (weekday + 0.5) / 7;
      return [{ event, at: slot / weeks.length }];
    }),
    labels,
  );
}

/** Events placed across a chart (0–1), labelled, in order, crowded labels on a second row. */
function labelMarkers(
  placed: { event: TimelineEvent; at: number }[],
  labels: Record<TimelineEventKind, string>,
): ChartMarker[] {
  const lastAt: [number, number] = [-Infinity, -Infinity];
  return [...placed]
    .sort((a, b) => a.at - b.at)
    .map(({ event, at }) => {
      const full = event.kind === 'other' && event.label ? event.label : labels[event.kind];
      const title = event.label && event.kind !== 'other' ? `${full}: ${event.label}` : full;
      // The first row while it has room; else the row whose last label is further away.
      const row: 0 | 1 = at - lastAt[0] >= MARKER_CROWDED || lastAt[0] <= lastAt[1] ? 0 : 1;
      lastAt[row] = at;
      return {
        id: event.id,
        label: full.length > MARKER_LABEL_MAX ? `${full.slice(0, MARKER_LABEL_MAX - 1)}…` : full,
        title: `${event.occurredOn} · ${title}`,
        at,
        row,
      };
    });
}
