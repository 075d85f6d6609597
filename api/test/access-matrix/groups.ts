import type { ResourceKind } from '@cairn/contracts';

/**
 * Which spec file runs the matrix for which kinds: three files, so jest runs them side by side,
 * each on one app and one scenario. Together they name every kind once (a test checks it).
 */
export const MATRIX_GROUPS = {
  files: [
    'client',
    'intake',
    'timeline_event',
    'treatment_phase',
    'risk_flag',
    'safety_screen',
    'safety_review',
    'measurement_schedule',
  ],
  records: [
    'progress_note',
    'psychotherapy_note',
    'addendum',
    'report',
    'homework_assignment',
    'homework_entry',
    'record_export',
  ],
  operations: [
    'assessment',
    'appointment',
    'availability',
    'calendar_feed',
    'staff_account',
    'audit_trail',
    'retention',
    'clinic_settings',
    'sign_in_security',
  ],
} as const satisfies Record<string, readonly ResourceKind[]>;
