import { AuditActions } from '@cairn/contracts';

/** Plain words for the audit actions an admin filters and reads. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  [AuditActions.loginSucceeded]: 'Signed in',
  [AuditActions.loginFailed]: 'Sign-in failed',
  [AuditActions.loginLocked]: 'Sign-in locked',
  [AuditActions.logout]: 'Signed out',
  [AuditActions.refreshReused]: 'Stolen session token refused',
  [AuditActions.passwordChanged]: 'Password change',
  [AuditActions.tokenRejected]: 'Forged access token refused',
  [AuditActions.accessDenied]: 'Access denied',
  'retention.reviewed': 'Retention review opened',
  'retention.policy_updated': 'Retention period changed',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
