import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'clinics' })
@Check('clinics_retention_years_range', '"retention_years" BETWEEN 6 AND 100')
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
