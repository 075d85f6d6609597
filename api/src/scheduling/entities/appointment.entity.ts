import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  type AppointmentKind,
  type AppointmentStatus,
} from '@cairn/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';
import { AppointmentSeries } from './appointment-series.entity';

/**
 * One appointment on a therapist's calendar: with a client (or both partners of a couple), or a
 * first consultation with a prospect who has no file yet. Never deleted: it is cancelled.
 *
 * The exclusion constraint is the guarantee against double-booking: two live appointments
 * (scheduled or completed) of one therapist can never overlap, whatever races the API loses.
 */
@Entity({ name: 'appointments' })
@Exclusion(
  'appointments_no_overlap',
  `USING gist ("therapist_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" IN ('scheduled', 'completed'))`,
)
@Index('appointments_therapist_start_idx', ['therapistId', 'startsAt'])
@Index('appointments_clinic_start_idx', ['clinicId', 'startsAt'])
@Index('appointments_client_start_idx', ['clientId', 'startsAt'])
@Index('appointments_partner_start_idx', ['partnerClientId', 'startsAt'])
@Index('appointments_series_idx', ['seriesId'])
@Index('appointments_note_owed_idx', { synchronize: false })
@Check('appointments_ends_after_start', '"ends_at" > "starts_at"')
// The API's longest appointment; range queries rely on it to bound their index scans.
@Check('appointments_at_most_four_hours', `"ends_at" <= "starts_at" + interval '4 hours'`)
@Check(
  'appointments_client_or_prospect',
  `("client_id" IS NULL) <> ("prospect_name" IS NULL) AND ("prospect_name" IS NULL OR "kind" = 'consultation')`,
)
@Check(
  'appointments_partner_only_for_couples',
  `"partner_client_id" IS NULL OR ("kind" = 'couples' AND "partner_client_id" <> "client_id")`,
)
@Check(
  'appointments_cancel_has_reason',
  `("status" = 'cancelled') = ("cancelled_at" IS NOT NULL AND "cancel_reason" IS NOT NULL)`,
)
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'therapist_id', type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'therapist_id' })
  therapist?: User;

  @Column({ type: 'enum', enum: APPOINTMENT_KINDS, enumName: 'appointment_kind' })
  kind!: AppointmentKind;

  @Column({
    type: 'enum',
    enum: APPOINTMENT_STATUSES,
    enumName: 'appointment_status',
    default: 'scheduled',
  })
  status!: AppointmentStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** A room or a telehealth link. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  location!: string | null;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'client_id' })
  client?: Client | null;

  /** The second partner of a couples session. */
  @Column({ name: 'partner_client_id', type: 'uuid', nullable: true })
  partnerClientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'partner_client_id' })
  partnerClient?: Client | null;

  @Column({ name: 'prospect_name', type: 'varchar', length: 200, nullable: true })
  prospectName!: string | null;

  @Column({ name: 'prospect_email', type: 'varchar', length: 254, nullable: true })
  prospectEmail!: string | null;

  @Column({ name: 'prospect_phone', type: 'varchar', length: 40, nullable: true })
  prospectPhone!: string | null;

  /** Non-clinical: why they got in touch, in a few words. */
  @Column({ name: 'prospect_reason', type: 'varchar', length: 300, nullable: true })
  prospectReason!: string | null;

  /** The client file the prospect became. */
  @Column({ name: 'converted_client_id', type: 'uuid', nullable: true })
  convertedClientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'converted_client_id' })
  convertedClient?: Client | null;

  /** Appointments booked together as a series (every N weeks) share this id. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => AppointmentSeries, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'series_id' })
  series?: AppointmentSeries | null;

  /** Set when the admin booked outside the therapist's hours: why. */
  @Column({ name: 'override_reason', type: 'varchar', length: 300, nullable: true })
  overrideReason!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cancelled_by' })
  canceller?: User | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 300, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'late_cancellation', type: 'boolean', default: false })
  lateCancellation!: boolean;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  /** The iCalendar SEQUENCE: raised by a trigger when the time, place or status changes. */
  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  /**
   * A progress note documents it: kept by triggers (AppointmentDocumented migration), never
   * written by the app, so the notes owed are read off a partial index.
   */
  @Column({ type: 'boolean', default: false, select: false, insert: false, update: false })
  documented!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
