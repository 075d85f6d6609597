import { AUDIT_OUTCOMES, ROLES, type AuditOutcome, type Role } from '@cairn/contracts';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Flat, non-clinical facts about an event. */
export type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * Who did what to which record, when and from where. Rows are append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE (see the migration). No foreign keys, so the trail outlives
 * anything it mentions. Partitioned by month on `occurred_at` (migration PartitionAuditEvents),
 * so the key holds the time too.
 */
@Entity({ name: 'audit_events' })
@Index('audit_events_clinic_time_idx', ['clinicId', 'occurredAt'])
@Index('audit_events_entity_idx', ['entityType', 'entityId'])
@Index('audit_events_clinic_user_idx', ['clinicId', 'userId', 'occurredAt'])
@Index('audit_events_clinic_client_idx', ['clinicId', 'clientId', 'occurredAt'])
@Index('audit_events_clinic_action_idx', ['clinicId', 'action', 'occurredAt'])
@Index('audit_events_clinic_unsuccessful_idx', ['clinicId', 'occurredAt'], {
  where: `"outcome" <> 'success'`,
})
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role', nullable: true })
  role!: Role | null;

  @Column({ name: 'clinic_id', type: 'uuid', nullable: true })
  clinicId!: string | null;

  /** The client file the event concerns, when it concerns one: the audit trail's filter. */
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64, nullable: true })
  entityType!: string | null;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Column({ type: 'enum', enum: AUDIT_OUTCOMES, enumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** Non-clinical context, e.g. the email typed at a failed sign-in. */
  @Column({ type: 'jsonb', nullable: true })
  detail!: AuditDetail | null;
}
