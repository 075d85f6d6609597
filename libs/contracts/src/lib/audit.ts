import type { Role } from './roles';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What happened. Later modules add their own actions (e.g. `client.read`, `note.sign`). */
export const AuditActions = {
  loginSucceeded: 'auth.login',
  loginFailed: 'auth.login_failed',
  loginLocked: 'auth.locked',
  logout: 'auth.logout',
  refreshReused: 'auth.refresh_reused',
  passwordChanged: 'auth.password_changed',
  inviteAccepted: 'auth.invite_accepted',
  tokenRejected: 'auth.token_rejected',
  accessDenied: 'access.denied',
} as const;
export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions] | `${string}.${string}`;

export interface AuditEventView {
  id: string;
  occurredAt: string;
  userId: string | null;
  userDisplayName: string | null;
  role: Role | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEventQuery {
  page?: number;
  pageSize?: number;
  action?: string;
  userId?: string;
}
