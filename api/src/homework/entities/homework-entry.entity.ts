import type { CheckInAnswers } from '@cairn/contracts';
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
import { HomeworkAssignmentRecord } from './homework-assignment.entity';

/**
 * The client's completion of one occurrence: a note, a reflection or check-in answers. The client
 * may change it for 24 hours; after that a trigger refuses any change, and no entry is deleted.
 */
@Entity({ name: 'homework_entries' })
@Index('homework_entries_occurrence_key', ['assignmentId', 'occursOn'], { unique: true })
@Index('homework_entries_client_idx', ['clientId', 'occursOn'])
export class HomeworkEntryRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId!: string;

  @ManyToOne(() => HomeworkAssignmentRecord, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: HomeworkAssignmentRecord;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  /** The first day of the occurrence this entry completes. */
  @Column({ name: 'occurs_on', type: 'date' })
  occursOn!: string;

  /** Opened from `noteSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  note!: string | null;

  @Column({ name: 'note_key_id', type: 'varchar', length: 40, nullable: true })
  noteKeyId!: string | null;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'note', type: 'text', nullable: true, select: false })
  noteClear!: string | null;

  /** Opened from `answersSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  answers!: CheckInAnswers | null;

  @Column({ name: 'answers_key_id', type: 'varchar', length: 40, nullable: true })
  answersKeyId!: string | null;

  @Column({ name: 'answers_sealed', type: 'bytea', nullable: true })
  answersSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'answers', type: 'jsonb', nullable: true, select: false })
  answersClear!: CheckInAnswers | null;

  /** Journals only: the therapist sees that it was done, not the text. */
  @Column({ type: 'boolean', default: false })
  private!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

sealedEntity(HomeworkEntryRecord, {
  table: 'homework_entries',
  fields: [
    { property: 'note', column: 'note', json: false },
    { property: 'answers', column: 'answers', json: true },
  ],
});
