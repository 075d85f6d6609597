import { REPORT_STATUSES, type ReportStatus } from '@cairn/contracts';
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
import { User } from '../../users/entities/user.entity';

/**
 * A progress report: the client's progress data snapshotted when the report was created, and the
 * therapist's narrative. Both are clinical and encrypted like notes. Once final, a trigger lets
 * nothing change but whether it is shared with the client.
 */
@Entity({ name: 'progress_reports' })
@Index('progress_reports_client_idx', ['clientId', 'createdAt'])
@Check('progress_reports_period', '"period_from" <= "period_to"')
@Check(
  'progress_reports_final_complete',
  `("status" = 'draft' AND "finalized_at" IS NULL) OR ("status" = 'final' AND "finalized_at" IS NOT NULL)`,
)
export class ProgressReport {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom!: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo!: string;

  @Column({ type: 'enum', enum: REPORT_STATUSES, enumName: 'report_status', default: 'draft' })
  status!: ReportStatus;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'data_key_id', type: 'varchar', length: 32 })
  dataKeyId!: string;

  @Column({ name: 'data_sealed', type: 'bytea' })
  dataSealed!: Buffer;

  @Column({ name: 'narrative_key_id', type: 'varchar', length: 32 })
  narrativeKeyId!: string;

  @Column({ name: 'narrative_sealed', type: 'bytea' })
  narrativeSealed!: Buffer;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient!: boolean;

  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true })
  finalizedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
