import {
  SAFETY_SCREEN_MODES,
  SAFETY_SCREEN_STATUSES,
  type SafetyScreenMode,
  type SafetyScreenStatus,
} from '@cairn/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/**
 * One partner's safety screen before conjoint work, answered alone: in session with their
 * therapist or in their own portal. The answers are sealed like note content (a database dump
 * holds none of them); only whether a review is needed is kept in the clear, for the gate on
 * booking couples sessions.
 */
@Entity({ name: 'safety_screens' })
@Index('safety_screens_client_idx', ['clinicId', 'clientId', 'createdAt'])
@Check(
  'safety_screens_completed',
  `("status" = 'completed') = ("completed_at" IS NOT NULL AND "needs_review" IS NOT NULL)`,
)
export class SafetyScreenRecord {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ type: 'enum', enum: SAFETY_SCREEN_MODES, enumName: 'safety_screen_mode' })
  mode!: SafetyScreenMode;

  @Column({
    type: 'enum',
    enum: SAFETY_SCREEN_STATUSES,
    enumName: 'safety_screen_status',
    default: 'in_progress',
  })
  status!: SafetyScreenStatus;

  @Column({ name: 'answers_key_id', type: 'varchar', length: 40 })
  answersKeyId!: string;

  @Column({ name: 'answers_sealed', type: 'bytea' })
  answersSealed!: Buffer;

  /** Set at completion by the screen's rules. */
  @Column({ name: 'needs_review', type: 'boolean', nullable: true })
  needsReview!: boolean | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
