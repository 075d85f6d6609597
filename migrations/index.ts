import type { MigrationInterface } from 'typeorm';
import { Mfa1795541000001 } from './1795541000001-Mfa';
import { AuditTrailFilters1795500000001 } from './1795500000001-AuditTrailFilters';
import { PlannedMessages1795560000000 } from './1795560000000-PlannedMessages';
import { MessagePreferences1795561000000 } from './1795561000000-MessagePreferences';
import { ClinicRetention1795535000000 } from './1795535000000-ClinicRetention';
import { ClinicSettings1795542000000 } from './1795542000000-ClinicSettings';
import { Passkeys1795543000000 } from './1795543000000-Passkeys';
import { SealClinicalText1795570000000 } from './1795570000000-SealClinicalText';
import { AlertFacts1795580000000 } from './1795580000000-AlertFacts';
import { ClientListEstimates1795580100000 } from './1795580100000-ClientListEstimates';
import { AppointmentDocumented1795580200000 } from './1795580200000-AppointmentDocumented';
import { RecordExports1795583000000 } from './1795583000000-RecordExports';
import { NotesOwedWithoutOr1795586000000 } from './1795586000000-NotesOwedWithoutOr';
import { ReplacementLookups1795590000000 } from './1795590000000-ReplacementLookups';
import { AppointmentSequence1795550000000 } from './1795550000000-AppointmentSequence';
import { TenantIsolation1795500000000 } from './1795500000000-TenantIsolation';
import { HomeworkReadingKind1795520000000 } from './1795520000000-HomeworkReadingKind';
import { ClinicalSafety1795520000001 } from './1795520000001-ClinicalSafety';
import { NoteAppointments1795447272099 } from './1795447272099-NoteAppointments';
import { Scheduling1795445419694 } from './1795445419694-Scheduling';
import { Homework1795445443575 } from './1795445443575-Homework';
import { ProgressReports1795446870092 } from './1795446870092-ProgressReports';
import { SessionNotes1795445670980 } from './1795445670980-SessionNotes';
import { Assessments1795403062065 } from './1795403062065-Assessments';
import { ClientFiles1795401346597 } from './1795401346597-ClientFiles';
import { Foundation1795399665851 } from './1795399665851-Foundation';
import { SignInDefences1795541000000 } from './1795541000000-SignInDefences';
import { MailDeliveries1795540000000 } from './1795540000000-MailDeliveries';
import { PasswordResets1795540000001 } from './1795540000001-PasswordResets';
import { EmailChanges1795540000002 } from './1795540000002-EmailChanges';
import { AppointmentSeries1795582000000 } from './1795582000000-AppointmentSeries';
import { PartitionAuditEvents1795581000000 } from './1795581000000-PartitionAuditEvents';

/** Migrations in the order they run (by timestamp); `npm run migration:generate` adds new ones. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Foundation1795399665851,
  ClientFiles1795401346597,
  Assessments1795403062065,
  Scheduling1795445419694,
  Homework1795445443575,
  SessionNotes1795445670980,
  ProgressReports1795446870092,
  NoteAppointments1795447272099,
  TenantIsolation1795500000000,
  AuditTrailFilters1795500000001,
  HomeworkReadingKind1795520000000,
  ClinicalSafety1795520000001,
  ClinicRetention1795535000000,
  MailDeliveries1795540000000,
  PasswordResets1795540000001,
  EmailChanges1795540000002,
  SignInDefences1795541000000,
  Mfa1795541000001,
  ClinicSettings1795542000000,
  Passkeys1795543000000,
  AppointmentSequence1795550000000,
  PlannedMessages1795560000000,
  MessagePreferences1795561000000,
  SealClinicalText1795570000000,
  AlertFacts1795580000000,
  ClientListEstimates1795580100000,
  AppointmentDocumented1795580200000,
  PartitionAuditEvents1795581000000,
  AppointmentSeries1795582000000,
  RecordExports1795583000000,
  NotesOwedWithoutOr1795586000000,
  ReplacementLookups1795590000000,
];
