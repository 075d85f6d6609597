import {
  PLANNED_MESSAGE_STATUSES,
  type PlannedMessageKind,
  type PlannedMessageStatus,
} from '@cairn/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';

/**
 * A message Cairn will send (or sent): who to, why (`subjectId`: the appointment, flag or
 * assessment), when, and what became of it. The body is composed at send time from the current
 * data and never stored. `dedupKey` is unique per clinic: planning the same message twice is a
 * no-op, so a retried request or two workers never make two.
 */
@Entity({ name: 'planned_messages' })
@Unique('planned_messages_dedup_key', ['clinicId', 'dedupKey'])
@Check(
  'planned_messages_one_recipient',
  '("recipient_user_id" IS NULL) <> ("recipient_client_id" IS NULL)',
)
@Index('planned_messages_due_idx', ['clinicId', 'status', 'dueAt'])
@Index('planned_messages_subject_idx', ['clinicId', 'subjectId'])
export class PlannedMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_planned_messages' })
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id', foreignKeyConstraintName: 'FK_planned_messages_clinic' })
  clinic?: Clinic;

  @Column({ type: 'varchar', length: 40 })
  kind!: PlannedMessageKind;

  /** `email` today; SMS would be another transport and another value here. */
  @Column({ type: 'varchar', length: 20, default: 'email' })
  channel!: 'email';

  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true })
  recipientUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'recipient_user_id', foreignKeyConstraintName: 'FK_planned_messages_user' })
  recipientUser?: User | null;

  @Column({ name: 'recipient_client_id', type: 'uuid', nullable: true })
  recipientClientId!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'recipient_client_id',
    foreignKeyConstraintName: 'FK_planned_messages_client',
  })
  recipientClient?: Client | null;

  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ name: 'dedup_key', type: 'varchar', length: 200 })
  dedupKey!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'held_until', type: 'timestamptz', nullable: true })
  heldUntil!: Date | null;

  @Column({
    type: 'enum',
    enum: PLANNED_MESSAGE_STATUSES,
    enumName: 'planned_message_status',
    default: 'planned',
  })
  status!: PlannedMessageStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** While `sending`: until when the claiming worker owns it (a crashed worker's claim lapses). */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  /** The address it went to, recorded at send time (the admin's list shows it). */
  @Column({ name: 'recipient_address', type: 'varchar', length: 254, nullable: true })
  recipientAddress!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
