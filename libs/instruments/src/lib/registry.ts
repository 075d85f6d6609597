import type { InstrumentDefinition } from './definition';
import { BETRAYAL_HISTORY } from './definitions/betrayal-history';
import { GAD_7 } from './definitions/gad-7';
import { PCL_5 } from './definitions/pcl-5';
import { PHQ_9 } from './definitions/phq-9';
import { TRUST_PATTERNS } from './definitions/trust-patterns';

/**
 * The instruments Cairn ships. Not shipped on purpose: the C-SSRS (its licence requires a paid
 * licence for electronic use), and the ECR-R, ECR-RS, Rempel Trust Scale and Dyadic Trust Scale
 * until their authors allow commercial electronic use.
 */
export const INSTRUMENTS: readonly InstrumentDefinition[] = [
  PHQ_9,
  GAD_7,
  PCL_5,
  TRUST_PATTERNS,
  BETRAYAL_HISTORY,
];

export function findInstrument(code: string): InstrumentDefinition | undefined {
  return INSTRUMENTS.find((instrument) => instrument.code === code);
}
