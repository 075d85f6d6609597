import {
  ASSESSMENT_MODES,
  ASSESSMENT_STATUSES,
  type AssessmentMode,
  type AssessmentResult,
  type AssessmentStatus,
  type Answers,
  type IndexEvent,
} from '@cairn/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sealedEntity } from '../../crypto/sealed-fields';
import { Client } from '../../clients/entities/client.entity';
import { User } from '../../users/entities/user.entity';
import { MeasurementScheduleRecord } from './measurement-schedule.entity';

/**
 * One administration of an instrument to a client: in session (the therapist enters answers) or
 * through the portal (the client does). Scores are computed by the server at completion. A
 * completed administration never changes (a trigger refuses it); a correction is a new
 * administration that names the one it replaces.
 */
@Entity({ name: 'assessments' })
@Index('assessments_client_idx', ['clientId', 'instrumentCode', 'completedAt'])
// What replaces an administration, for the score series' "not replaced" test.
@Index('assessments_replaces_idx', ['replacesId'], { where: '"replaces_id" IS NOT NULL' })
@Index('assessments_open_due_idx', ['clinicId', 'dueOn'], { where: `"status" = 'in_progress'` })
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'instrument_code', type: 'varchar', length: 16 })
  instrumentCode!: string;

  @Column({ name: 'instrument_version', type: 'varchar', length: 8 })
  instrumentVersion!: string;

  @Column({ type: 'enum', enum: ASSESSMENT_MODES, enumName: 'assessment_mode' })
  mode!: AssessmentMode;

  @Column({
    type: 'enum',
    enum: ASSESSMENT_STATUSES,
    enumName: 'assessment_status',
    default: 'in_progress',
  })
  status!: AssessmentStatus;

  /** Opened from `answersSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  answers!: Answers;

  @Column({ name: 'answers_key_id', type: 'varchar', length: 40, nullable: true })
  answersKeyId!: string | null;

  @Column({ name: 'answers_sealed', type: 'bytea', nullable: true })
  answersSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'answers', type: 'jsonb', nullable: true, select: false })
  answersClear!: Answers | null;

  /** Opened from `indexEventSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  indexEvent!: IndexEvent | null;

  @Column({ name: 'index_event_key_id', type: 'varchar', length: 40, nullable: true })
  indexEventKeyId!: string | null;

  @Column({ name: 'index_event_sealed', type: 'bytea', nullable: true })
  indexEventSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'index_event', type: 'jsonb', nullable: true, select: false })
  indexEventClear!: IndexEvent | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

  /** Set at completion from the shared scorer; never taken from a request. */
  @Column({ type: 'jsonb', nullable: true })
  result!: AssessmentResult | null;

  /** The total again, as a column, for history queries and charts. */
  @Column({
    type: 'numeric',
    precision: 6,
    scale: 2,
    nullable: true,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | null) => (v === null ? null : Number(v)),
    },
  })
  total!: number | null;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient!: boolean;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaces_id' })
  replaces?: Assessment | null;

  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  scheduleId!: string | null;

  @ManyToOne(() => MeasurementScheduleRecord, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'schedule_id' })
  schedule?: MeasurementScheduleRecord | null;

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

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'completed_by' })
  completer?: User | null;
}

sealedEntity(Assessment, {
  table: 'assessments',
  fields: [
    { property: 'answers', column: 'answers', json: true },
    { property: 'indexEvent', column: 'index_event', json: true },
  ],
});
