import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A clinic and its settings. Settings a clinic has never chosen are null and read through
 * `settingsOf` (clinic-settings.ts), which gives the default for the clinic's time zone; the
 * settings page saves every field explicitly.
 */
@Entity({ name: 'clinics' })
@Check('clinics_retention_years_range', '"retention_years" BETWEEN 6 AND 100')
@Check('clinics_paper_size_known', `"paper_size" IN ('letter', 'a4')`)
@Check('clinics_idle_timeout_range', '"idle_timeout_minutes" BETWEEN 5 AND 30')
@Check('clinics_crisis_resources_length', 'char_length("crisis_resources") <= 4000')
export class Clinic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** IANA time zone; appointments and "today" are read in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /**
   * How long the clinic keeps a closed file before it is listed for review (never deleted by
   * Cairn). At least HIPAA's six years; state law is often longer.
   */
  @Column({ name: 'retention_years', type: 'integer', default: 7 })
  retentionYears!: number;

  /** Letterhead: postal address, lines as typed. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  /** Letterhead: phone. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  /** 'letter' or 'a4'; null: the default for the time zone. */
  @Column({ name: 'paper_size', type: 'varchar', length: 8, nullable: true })
  paperSize!: string | null;

  /** The clinic's crisis resources text; null: the default for the time zone; '' none set. */
  @Column({ name: 'crisis_resources', type: 'text', nullable: true })
  crisisResources!: string | null;

  /** The name emails come from; null: the clinic's name. */
  @Column({ name: 'sender_name', type: 'varchar', length: 100, nullable: true })
  senderName!: string | null;

  @Column({ name: 'idle_timeout_minutes', type: 'integer', default: 15 })
  idleTimeoutMinutes!: number;
  /** Hours before an appointment that a reminder goes out (clients who consented only). */
  @Column({ name: 'reminder_lead_hours', type: 'integer', array: true, default: () => "'{48,2}'" })
  reminderLeadHours!: number[];

  /** Local hours between which nothing is sent to clients (start, end); due then goes at the end. */
  @Column({ name: 'quiet_hours_start', type: 'integer', default: 21 })
  quietHoursStart!: number;

  @Column({ name: 'quiet_hours_end', type: 'integer', default: 8 })
  quietHoursEnd!: number;

  /** A just-booked or just-moved appointment's messages wait this long, so a correction sends one. */
  @Column({ name: 'message_hold_minutes', type: 'integer', default: 5 })
  messageHoldMinutes!: number;

  /** An unacknowledged risk alert is escalated to the clinic's admins after this many hours. */
  @Column({ name: 'risk_escalation_hours', type: 'integer', default: 24 })
  riskEscalationHours!: number;

  /** Staff must set up a second sign-in step; one without it enrols at their next sign-in. */
  @Column({ name: 'mfa_required_for_staff', type: 'boolean', default: false })
  mfaRequiredForStaff!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
