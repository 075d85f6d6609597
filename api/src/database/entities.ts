import { ClientAlertFacts } from '../dashboard/entities/client-alert-facts.entity';
import { RecordExportRecord } from '../record-export/entities/record-export.entity';
import { PlannedMessage } from '../messages/entities/planned-message.entity';
import { Assessment } from '../assessments/entities/assessment.entity';
import { MeasurementScheduleRecord } from '../assessments/entities/measurement-schedule.entity';
import { RiskFlag } from '../assessments/entities/risk-flag.entity';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { LoginThrottle } from '../auth/entities/login-throttle.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { RequestRateLimit } from '../auth/entities/request-rate-limit.entity';
import { MfaChallenge } from '../auth/mfa/entities/mfa-challenge.entity';
import { RecoveryCode } from '../auth/mfa/entities/recovery-code.entity';
import { PasskeyCredential } from '../auth/mfa/entities/passkey-credential.entity';
import { TotpCredential } from '../auth/mfa/entities/totp-credential.entity';
import { Client } from '../clients/entities/client.entity';
import { ClientIntake } from '../clients/entities/client-intake.entity';
import { TimelineEventRecord } from '../clients/entities/timeline-event.entity';
import { TreatmentPhaseRecord } from '../clients/entities/treatment-phase.entity';
import { Clinic } from '../clinics/entities/clinic.entity';
import { HomeworkAssignmentRecord } from '../homework/entities/homework-assignment.entity';
import { HomeworkEntryRecord } from '../homework/entities/homework-entry.entity';
import { HomeworkTemplateRecord } from '../homework/entities/homework-template.entity';
import { AccountInvite } from '../invites/entities/account-invite.entity';
import { MailDelivery } from '../mail/entities/mail-delivery.entity';
import { PasswordReset } from '../password-reset/entities/password-reset.entity';
import { PasswordResetThrottle } from '../password-reset/entities/password-reset-throttle.entity';
import { EmailChange } from '../email-change/entities/email-change.entity';
import { NoteAddendumRecord } from '../notes/entities/note-addendum.entity';
import { SessionNote } from '../notes/entities/session-note.entity';
import { ProgressReport } from '../reports/entities/progress-report.entity';
import { SafetyReviewRecord } from '../safety/entities/safety-review.entity';
import { SafetyScreenRecord } from '../safety/entities/safety-screen.entity';
import { Appointment } from '../scheduling/entities/appointment.entity';
import { AppointmentSeries } from '../scheduling/entities/appointment-series.entity';
import { AvailabilityExceptionRecord } from '../scheduling/entities/availability-exception.entity';
import { CalendarFeed } from '../scheduling/entities/calendar-feed.entity';
import { WeeklyHoursRecord } from '../scheduling/entities/weekly-hours.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once for the data source (no globbing: the build is one bundle of files). */
export const ENTITIES = [
  Clinic,
  User,
  AuthSession,
  RefreshToken,
  LoginThrottle,
  RequestRateLimit,
  PasskeyCredential,
  TotpCredential,
  RecoveryCode,
  MfaChallenge,
  AuditEvent,
  AccountInvite,
  Client,
  ClientIntake,
  TimelineEventRecord,
  TreatmentPhaseRecord,
  MeasurementScheduleRecord,
  Assessment,
  RiskFlag,
  SessionNote,
  NoteAddendumRecord,
  ProgressReport,
  HomeworkTemplateRecord,
  HomeworkAssignmentRecord,
  HomeworkEntryRecord,
  WeeklyHoursRecord,
  AvailabilityExceptionRecord,
  AppointmentSeries,
  Appointment,
  CalendarFeed,
  SafetyScreenRecord,
  SafetyReviewRecord,
  MailDelivery,
  PasswordReset,
  PasswordResetThrottle,
  EmailChange,
  PlannedMessage,
  ClientAlertFacts,
  RecordExportRecord,
];
