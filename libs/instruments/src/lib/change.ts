import type { ChangeThreshold, InstrumentDefinition } from './definition';

export type Direction = 'improvement' | 'deterioration';

export interface ChangeAssessment {
  /**
   * Later minus earlier. For most instruments a higher score means more symptoms; for one that
   * is `higherIsBetter` (self-trust) a rise is the improvement.
   */
  delta: number;
  /** Beyond measurement error (reliable change). */
  reliable: Direction | null;
  /** Large enough to matter to the person (clinically meaningful change). */
  meaningful: Direction | null;
}

/**
 * The smallest change in points that counts. Jacobson and Truax (1991), with the √2 correction
 * of Christensen and Mendoza: 1.96 × SD × √(2 × (1 − reliability)).
 */
export function thresholdPoints(threshold: ChangeThreshold): number {
  if (threshold.kind === 'points') return threshold.points;
  return 1.96 * threshold.sd * Math.sqrt(2 * (1 - threshold.reliability));
}

function judge(
  delta: number,
  threshold: ChangeThreshold | undefined,
  higherIsBetter: boolean,
): Direction | null {
  if (!threshold || Math.abs(delta) < thresholdPoints(threshold)) return null;
  return delta < 0 !== higherIsBetter ? 'improvement' : 'deterioration';
}

export function changeBetween(
  definition: InstrumentDefinition,
  earlier: number,
  later: number,
): ChangeAssessment {
  const delta = later - earlier;
  return {
    delta,
    reliable: judge(delta, definition.reliableChange, definition.higherIsBetter ?? false),
    meaningful: judge(delta, definition.meaningfulChange, definition.higherIsBetter ?? false),
  };
}
