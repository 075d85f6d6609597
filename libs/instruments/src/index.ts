export * from './lib/change';
export * from './lib/definition';
export * from './lib/fhir';
export * from './lib/history-form';
export * from './lib/registry';
export * from './lib/scoring';
export { BETRAYAL_HISTORY } from './lib/definitions/betrayal-history';
export { GAD_7, GAD_7_V2 } from './lib/definitions/gad-7';
export { PCL_5 } from './lib/definitions/pcl-5';
export { PHQ_9 } from './lib/definitions/phq-9';
export { TRUST_PATTERNS } from './lib/definitions/trust-patterns';
export {
  TRUST_PATTERNS_INTERPRETATION,
  TRUST_PATTERNS_V1,
  TRUST_PATTERNS_V2,
} from './lib/definitions/trust-patterns-v2';
export { SELF_TRUST } from './lib/definitions/self-trust';
export * from './lib/safety-screen';
export * from './lib/check-ins';
