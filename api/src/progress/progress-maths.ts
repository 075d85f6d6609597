import {
  todayIn,
  type DateRange,
  type MeasureSeries,
  type RiskFlagView,
  type RiskSummary,
  type TrustPatternsComparison,
} from '@cairn/contracts';

/** Whether an instant falls in a period of clinic calendar dates. */
export function inRange(instant: string | Date, range: DateRange, timeZone: string): boolean {
  const day = todayIn(timeZone, new Date(instant));
  return day >= range.from && day <= range.to;
}

/**
 * An instrument's scores within the period. Change keeps its meaning from the whole course of
 * care: "from baseline" is still measured from the first score ever, even if that came before.
 */
export function seriesInRange(
  series: MeasureSeries[],
  range: DateRange,
  timeZone: string,
): MeasureSeries[] {
  return series
    .map((one) => ({
      ...one,
      points: one.points.filter((point) => inRange(point.completedAt, range, timeZone)),
    }))
    .filter((one) => one.points.length > 0);
}

/** Trust Patterns subscales at the first-ever administration and the latest in the period. */
export function trustComparison(
  series: MeasureSeries | undefined,
  range: DateRange,
  timeZone: string,
): TrustPatternsComparison | null {
  if (!series || series.points.length === 0) return null;
  const first = series.points[0];
  const inPeriod = series.points.filter((point) => inRange(point.completedAt, range, timeZone));
  const last = inPeriod[inPeriod.length - 1];
  const snapshot = (point: MeasureSeries['points'][number] | undefined) =>
    point ? { completedAt: point.completedAt, subscales: point.subscales } : null;
  return {
    title: series.title,
    baseline: snapshot(first),
    latest: last && last !== first ? snapshot(last) : null,
  };
}

/** Risk flags raised in the period, and how many of them the therapist has acknowledged. */
export function riskSummary(
  flags: RiskFlagView[],
  range: DateRange,
  timeZone: string,
): RiskSummary {
  const inPeriod = flags
    .filter((flag) => inRange(flag.raisedAt, range, timeZone))
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  return {
    raised: inPeriod.length,
    acknowledged: inPeriod.filter((flag) => flag.acknowledgedAt !== null).length,
    flags: inPeriod.map((flag) => ({
      instrumentCode: flag.instrumentCode,
      message: flag.message,
      raisedAt: flag.raisedAt,
      acknowledgedAt: flag.acknowledgedAt,
    })),
  };
}

/**
 * Whether a client's latest score shows reliable deterioration from baseline on any instrument:
 * the caseload dashboard lists them.
 */
export function reliablyWorse(series: MeasureSeries[]): MeasureSeries[] {
  return series.filter(
    (one) => one.points[one.points.length - 1]?.fromBaseline?.reliable === 'deterioration',
  );
}
