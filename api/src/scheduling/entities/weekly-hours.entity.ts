import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/** One block of a therapist's weekly working hours, read in the clinic's time zone. */
@Entity({ name: 'therapist_weekly_hours' })
@Index('therapist_weekly_hours_therapist_idx', ['therapistId', 'weekday'])
@Check('therapist_weekly_hours_weekday', '"weekday" BETWEEN 1 AND 7')
@Check('therapist_weekly_hours_order', '"ends_at" > "starts_at"')
export class WeeklyHoursRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'therapist_id', type: 'uuid' })
  therapistId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'therapist_id' })
  therapist?: User;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column({ type: 'smallint' })
  weekday!: number;

  /** Minutes since local midnight; 1440 is the end of the day. */
  @Column({ name: 'starts_at', type: 'smallint' })
  startsAt!: number;

  @Column({ name: 'ends_at', type: 'smallint' })
  endsAt!: number;
}
