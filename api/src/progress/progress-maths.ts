import type { RepairCheckInPoint } from '@cairn/instruments';
import {
  todayIn,
  ratio,
  weekOf,
  type AttendanceSummary,
  type CheckInPoint,
  type DateRange,
  type HomeworkAdherence,
  type HomeworkAssignment,
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
    point
      ? {
          completedAt: point.completedAt,
          subscales: point.subscales,
          version: point.version ?? '1',
          context: point.context ?? [],
          notes: point.notes ?? [],
        }
      : null;
  return {
    title: series.title,
    baseline: snapshot(first),
    latest: last && last !== first ? snapshot(last) : null,
    interpretation: series.interpretation ?? null,
    scale: series.scale ?? null,
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
  const entry = (flag: RiskFlagView) => ({
    instrumentCode: flag.instrumentCode,
    message: flag.message,
    raisedAt: flag.raisedAt,
    acknowledgedAt: flag.acknowledgedAt,
  });
  return {
    raised: inPeriod.length,
    acknowledged: inPeriod.filter((flag) => flag.acknowledgedAt !== null).length,
    flags: inPeriod.map(entry),
    // An open flag is never out of the period: risk is not hidden by the dates chosen.
    open: flags
      .filter((flag) => flag.acknowledgedAt === null)
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
      .map(entry),
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

/**
 * All assignments' weeks added together, for the weeks that overlap the period. A week is
 * counted whole (Monday to Sunday) so the bars compare like with like.
 */
export function homeworkInRange(
  assignments: HomeworkAssignment[],
  range: DateRange,
): HomeworkAdherence {
  const first = weekOf(range.from);
  const byWeek = new Map<string, { done: number; expected: number }>();
  const perAssignment: HomeworkAdherence['assignments'] = [];
  for (const assignment of assignments) {
    let done = 0;
    let expected = 0;
    for (const week of assignment.weeks) {
      if (week.weekOf < first || week.weekOf > range.to) continue;
      const sum = byWeek.get(week.weekOf) ?? { done: 0, expected: 0 };
      sum.done += week.done;
      sum.expected += week.expected;
      byWeek.set(week.weekOf, sum);
      done += week.done;
      expected += week.expected;
    }
    if (expected > 0 || done > 0) {
      perAssignment.push({
        title: assignment.title,
        frequency: assignment.frequency,
        done,
        expected,
      });
    }
  }
  const weeks = [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekOfDay, sum]) => ({ weekOf: weekOfDay, ...ratio(sum.done, sum.expected) }));
  const done = weeks.reduce((total, week) => total + week.done, 0);
  const expected = weeks.reduce((total, week) => total + week.expected, 0);
  return { ...ratio(done, expected), weeks, assignments: perAssignment };
}

export interface AttendedAppointment {
  status: 'scheduled' | 'completed' | 'cancelled' | 'no_show';
  lateCancellation: boolean;
}

/**
 * Attendance of the period. The rate counts what the client could have attended: completed
 * against completed, late cancellations and no-shows (a cancellation made in good time is not
 * held against anyone).
 */
export function attendanceSummary(appointments: AttendedAppointment[]): AttendanceSummary {
  const count = (test: (item: AttendedAppointment) => boolean) => appointments.filter(test).length;
  const completed = count((item) => item.status === 'completed');
  const lateCancelled = count((item) => item.status === 'cancelled' && item.lateCancellation);
  const cancelled = count((item) => item.status === 'cancelled' && !item.lateCancellation);
  const noShow = count((item) => item.status === 'no_show');
  const counted = completed + lateCancelled + noShow;
  return {
    completed,
    cancelled,
    lateCancelled,
    noShow,
    attendanceRate: counted > 0 ? completed / counted : null,
  };
}

/** Daily repair check-ins of the period. */
export function checkInsInRange(points: RepairCheckInPoint[], range: DateRange): CheckInPoint[] {
  return points
    .filter((point) => point.date >= range.from && point.date <= range.to)
    .sort((a, b) => a.date.localeCompare(b.date));
}
