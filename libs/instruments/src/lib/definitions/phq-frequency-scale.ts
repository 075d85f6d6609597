import type { ResponseOption } from '../definition';

/**
 * The PHQ frequency options shared by PHQ-9 and GAD-7, with their LOINC answer codes (US Core
 * PHQ-9 example; MII PRO IG). The 0 option is "Not at all", not "Not at all sure" (a common
 * misprint, Zorowitz et al. 2021).
 */
export const PHQ_FREQUENCY: ResponseOption[] = [
  { value: 0, label: 'Not at all', loinc: 'LA6568-5' },
  { value: 1, label: 'Several days', loinc: 'LA6569-3' },
  { value: 2, label: 'More than half the days', loinc: 'LA6570-1' },
  { value: 3, label: 'Nearly every day', loinc: 'LA6571-9' },
];

export const PHQ_ATTRIBUTION =
  'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.';
