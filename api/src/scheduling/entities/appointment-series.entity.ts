import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/**
 * The pattern a series of appointments was booked from: every N weeks at one wall-clock time in
 * the clinic's zone, for a number of sessions or until a date. Each occurrence is its own
 * appointment row (its own UID in the calendar feed); this row says how they were laid out, and
 * a series split at "this and following" points back at the one it continues.
 */
@Entity({ name: 'appointment_series' })
@Index('appointment_series_therapist_idx', ['therapistId'])
@Check('appointment_series_interval', '"interval_weeks" BETWEEN 1 AND 8')
@Check('appointment_series_count_or_until', '("count" IS NULL) <> ("until" IS NULL)')
export class AppointmentSeries {
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

  @Column({ name: 'interval_weeks', type: 'smallint' })
  intervalWeeks!: number;

  /** The first occurrence's date, in the time zone below. */
  @Column({ name: 'first_date', type: 'date' })
  firstDate!: string;

  /** HH:MM on the wall clock, the same on both sides of a daylight-saving change. */
  @Column({ name: 'local_time', type: 'varchar', length: 5 })
  localTime!: string;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  durationMinutes!: number;

  /** The clinic's zone when booked: the dates and time above are read in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /** How many occurrences in all, or null when it runs until a date. */
  @Column({ type: 'integer', nullable: true })
  count!: number | null;

  /** The last date an occurrence may fall on, or null when it has a count. */
  @Column({ type: 'date', nullable: true })
  until!: string | null;

  /** The series this one continues after a "this and following" change. */
  @Column({ name: 'previous_series_id', type: 'uuid', nullable: true })
  previousSeriesId!: string | null;

  @ManyToOne(() => AppointmentSeries, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'previous_series_id' })
  previousSeries?: AppointmentSeries | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
