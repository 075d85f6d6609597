import type { InstrumentDefinition } from './definition';
import { BETRAYAL_HISTORY } from './definitions/betrayal-history';
import { GAD_7, GAD_7_V2 } from './definitions/gad-7';
import { PCL_5 } from './definitions/pcl-5';
import { PHQ_9 } from './definitions/phq-9';
import { SELF_TRUST } from './definitions/self-trust';
import { TRUST_PATTERNS_V1, TRUST_PATTERNS_V2 } from './definitions/trust-patterns-v2';

/**
 * The instruments Cairn ships, each in its current version: what a new administration is given.
 * Not shipped on purpose: the C-SSRS (its licence requires a paid licence for electronic use),
 * and the ECR-R, ECR-RS, Rempel Trust Scale and Dyadic Trust Scale until their authors allow
 * commercial electronic use.
 */
export const INSTRUMENTS: readonly InstrumentDefinition[] = [
  PHQ_9,
  GAD_7_V2,
  PCL_5,
  TRUST_PATTERNS_V2,
  SELF_TRUST,
  BETRAYAL_HISTORY,
];

/**
 * Versions no longer given, kept so that an administration is always read, validated and scored
 * by the version it was given in.
 */
export const EARLIER_VERSIONS: readonly InstrumentDefinition[] = [GAD_7, TRUST_PATTERNS_V1];

/** The title a client sees for an instrument (the clinical one only if it has none). */
export function clientTitleOf(code: string, fallback = ''): string {
  const definition = findInstrument(code);
  return definition?.clientTitle ?? definition?.title ?? fallback;
}

/**
 * An instrument by code: its current version, or the version named. An unknown version is
 * undefined, never silently the current one.
 */

export function findInstrument(code: string, version?: string): InstrumentDefinition | undefined {
  const current = INSTRUMENTS.find((instrument) => instrument.code === code);
  if (version === undefined || current?.version === version) return current;
  return EARLIER_VERSIONS.find(
    (instrument) => instrument.code === code && instrument.version === version,
  );
}
