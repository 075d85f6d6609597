import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sealedEntity } from '../../crypto/sealed-fields';
import { Client } from '../../clients/entities/client.entity';
import { User } from '../../users/entities/user.entity';
import { Assessment } from './assessment.entity';

/**
 * An answer that signals risk (PHQ-9 item 9 above 0), raised the moment it is saved and shown on
 * the chart and the therapist's home until the therapist acknowledges it.
 */
@Entity({ name: 'risk_flags' })
@Index('risk_flags_rule_key', ['assessmentId', 'ruleId'], { unique: true })
@Index('risk_flags_client_idx', ['clientId', 'raisedAt'])
@Index('risk_flags_open_idx', ['clinicId', 'clientId'], { where: '"acknowledged_at" IS NULL' })
export class RiskFlag {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @ManyToOne(() => Assessment, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Assessment;

  @Column({ name: 'rule_id', type: 'varchar', length: 40 })
  ruleId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 40 })
  itemId!: string;

  @Column({ type: 'integer' })
  value!: number;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'acknowledged_by' })
  acknowledger?: User | null;

  /** Opened from `acknowledgementNoteSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  acknowledgementNote!: string | null;

  @Column({ name: 'acknowledgement_note_key_id', type: 'varchar', length: 40, nullable: true })
  acknowledgementNoteKeyId!: string | null;

  @Column({ name: 'acknowledgement_note_sealed', type: 'bytea', nullable: true })
  acknowledgementNoteSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'acknowledgement_note', type: 'text', nullable: true, select: false })
  acknowledgementNoteClear!: string | null;
}

sealedEntity(RiskFlag, {
  table: 'risk_flags',
  fields: [{ property: 'acknowledgementNote', column: 'acknowledgement_note', json: false }],
});
