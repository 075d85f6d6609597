/**
 * Every kind of email Cairn sends, once. The kind is recorded with each delivery (never the
 * body), so the list says what a clinic's outgoing mail can contain. A new kind is added here.
 */
export const MAIL_KINDS = [
  'staff_invitation',
  'client_invitation',
  'password_reset',
  'password_changed',
  'email_change_confirmation',
  'email_changed',
  'mfa_reset',
  // Planned messages (api/src/messages): sent by the dispatcher job, never by a request.
  'risk_alert',
  'risk_alert_escalation',
  'appointment_reminder',
  'questionnaire_waiting',
  'daily_digest',
  'homework_nudge',
  // A copy of the client's record is ready in the portal (sent by the export job).
  'document_ready',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * What became of one message: `pending` until the transport answers; `sent` when it accepted
 * the message; `failed` after the last retry of a temporary failure; `bounced` when the
 * receiving server refused the address for good (a permanent 5xx).
 */
export const MAIL_OUTCOMES = ['pending', 'sent', 'failed', 'bounced'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/** Messages to clients carry a way to stop them (RFC 8058 one-click and a mailto). */
export const CLIENT_MAIL_KINDS: readonly MailKind[] = [
  'client_invitation',
  'appointment_reminder',
  'questionnaire_waiting',
  'homework_nudge',
];
