import {
  DISCLOSURE_STATUSES,
  RELATIONSHIP_STATUSES,
  type ClientHistory,
  type DisclosureStatus,
  type RelationshipStatus,
} from '@cairn/contracts';
import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { sealedEntity } from '../../crypto/sealed-fields';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';
import { Client } from './client.entity';

/** Clinical intake of a client file: read and written by the treating therapist only. */
@Entity({ name: 'client_intakes' })
export class ClientIntake {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @OneToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** Opened from `presentingConcernsSealed` as the row loads (SealedFieldsSubscriber); not a column. */
  presentingConcerns!: string | null;

  @Column({ name: 'presenting_concerns_key_id', type: 'varchar', length: 40, nullable: true })
  presentingConcernsKeyId!: string | null;

  @Column({ name: 'presenting_concerns_sealed', type: 'bytea', nullable: true })
  presentingConcernsSealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'presenting_concerns', type: 'text', nullable: true, select: false })
  presentingConcernsClear!: string | null;

  @Column({
    name: 'relationship_status',
    type: 'enum',
    enum: RELATIONSHIP_STATUSES,
    enumName: 'relationship_status',
    nullable: true,
  })
  relationshipStatus!: RelationshipStatus | null;

  @Column({
    name: 'disclosure_status',
    type: 'enum',
    enum: DISCLOSURE_STATUSES,
    enumName: 'disclosure_status',
    nullable: true,
  })
  disclosureStatus!: DisclosureStatus | null;

  /** The history checklist; its shape is the ClientHistory contract, validated on the way in. */
  /** Opened from `historySealed` as the row loads (SealedFieldsSubscriber); not a column. */
  history!: ClientHistory;

  @Column({ name: 'history_key_id', type: 'varchar', length: 40, nullable: true })
  historyKeyId!: string | null;

  @Column({ name: 'history_sealed', type: 'bytea', nullable: true })
  historySealed!: Buffer | null;

  /** The clear value from before sealing: emptied by the start-up sealing step, never read. */
  @Column({ name: 'history', type: 'jsonb', nullable: true, select: false })
  historyClear!: ClientHistory | null;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

sealedEntity(ClientIntake, {
  table: 'client_intakes',
  idProperty: 'clientId',
  idColumn: 'client_id',
  fields: [
    { property: 'presentingConcerns', column: 'presenting_concerns', json: false },
    { property: 'history', column: 'history', json: true },
  ],
});
