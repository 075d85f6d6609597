import {
  RECORD_EXPORT_AUDIENCES,
  RECORD_EXPORT_STATUSES,
  type RecordExportAudience,
  type RecordExportStatus,
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
 * One export of a client's record, from the request to the download: who asked, for whom (the
 * staff copy or the client's own), how far the job has come, and the finished zip, sealed with
 * the field cipher (bound to this row). The zip is dropped when the export expires; the row
 * stays as the record that an export was made.
 */
@Entity({ name: 'record_exports' })
@Index('record_exports_client_idx', ['clinicId', 'clientId', 'createdAt'])
@Index('record_exports_status_idx', ['clinicId', 'status'])
@Check('record_exports_steps', '"steps_done" >= 0 AND "steps_done" <= "steps_total"')
export class RecordExportRecord {
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

  /** `staff`: made for the clinic (what the requester may read); `client`: the client's own copy. */
  @Column({
    type: 'enum',
    enum: RECORD_EXPORT_AUDIENCES,
    enumName: 'record_export_audience',
  })
  audience!: RecordExportAudience;

  /** Whether the copy holds clinical content (an admin's does not). */
  @Column({ type: 'boolean' })
  clinical!: boolean;

  @Column({ type: 'enum', enum: RECORD_EXPORT_STATUSES, enumName: 'record_export_status' })
  status!: RecordExportStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  /** The treating therapist who released a client's request; the job builds as them. */
  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'released_by' })
  releaser?: User | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'steps_done', type: 'integer', default: 0 })
  stepsDone!: number;

  @Column({ name: 'steps_total', type: 'integer' })
  stepsTotal!: number;

  @Column({ name: 'archive_key_id', type: 'varchar', length: 32, nullable: true })
  archiveKeyId!: string | null;

  /** The zip (base64) sealed like clinical text; null until ready and again once expired. */
  @Column({ name: 'archive_sealed', type: 'bytea', nullable: true, select: false })
  archiveSealed!: Buffer | null;

  @Column({ type: 'integer', nullable: true })
  bytes!: number | null;

  /** Why a build failed, in words that hold nothing clinical. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  error!: string | null;

  @Column({ name: 'ready_at', type: 'timestamptz', nullable: true })
  readyAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
