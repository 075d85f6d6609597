import { AVAILABILITY_EXCEPTION_KINDS, type AvailabilityExceptionKind } from '@cairn/contracts';
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

/** Time off (a whole day when no times) or an extra block, on one date of the clinic's calendar. */
@Entity({ name: 'availability_exceptions' })
@Index('availability_exceptions_therapist_idx', ['therapistId', 'onDate'])
@Check('availability_exceptions_times', '("starts_at" IS NULL) = ("ends_at" IS NULL)')
@Check('availability_exceptions_order', '"ends_at" IS NULL OR "ends_at" > "starts_at"')
@Check(
  'availability_exceptions_extra_has_times',
  `"kind" <> 'extra_hours' OR "starts_at" IS NOT NULL`,
)
export class AvailabilityExceptionRecord {
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

  @Column({ name: 'on_date', type: 'date' })
  onDate!: string;

  @Column({
    type: 'enum',
    enum: AVAILABILITY_EXCEPTION_KINDS,
    enumName: 'availability_exception_kind',
  })
  kind!: AvailabilityExceptionKind;

  /** Minutes since local midnight. */
  @Column({ name: 'starts_at', type: 'smallint', nullable: true })
  startsAt!: number | null;

  @Column({ name: 'ends_at', type: 'smallint', nullable: true })
  endsAt!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note!: string | null;
}
