import { TIMELINE_EVENT_KINDS, type TimelineEventKind } from '@cairn/contracts';
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
import { sealedEntity } from '../../crypto/sealed-fields';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';
import { Client } from './client.entity';

/**
 * A dated event of the betrayal story (discovery, disclosure, separation, ...), drawn later as a
 * marker on the progress charts. Clinical: treating therapist only. Removal is a mark, not a delete.
 */
@Entity({ name: 'client_timeline_events' })
@Index('client_timeline_events_client_idx', ['clientId', 'occurredOn'])
@Check('client_timeline_events_other_needs_label', `"kind" <> 'other' OR "label" IS NOT NULL`)
export class TimelineEventRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
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

  @Column({ type: 'enum', enum: TIMELINE_EVENT_KINDS, enumName: 'timeline_event_kind' })
  kind!: TimelineEventKind;

  @Column({ type: 'varchar', length: 120, nullable: true })
  label!: string | null;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  /** Opened from `noteSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  note!: string | null;

  @Column({ name: 'note_key_id', type: 'varchar', length: 40, nullable: true })
  noteKeyId!: string | null;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'note', type: 'text', nullable: true, select: false })
  noteClear!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}

sealedEntity(TimelineEventRecord, {
  table: 'client_timeline_events',
  fields: [{ property: 'note', column: 'note', json: false }],
});
