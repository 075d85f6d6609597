import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';

/** One element of `deteriorating`: an instrument whose latest score is reliably worse. */
export interface DeterioratingFact {
  instrumentCode: string;
  instrumentTitle: string;
  delta: number;
}

/**
 * What the therapist's home shows about one client, kept so the home reads only the clients with
 * something to show instead of every client's scores and homework. Database triggers on
 * assessments, homework assignments and homework entries mark a row for recomputing
 * (`refreshOn` = -infinity, `changes` + 1) in the writing transaction, whatever code path wrote;
 * the values themselves are computed by the API (the reliable-change and adherence maths live in
 * TypeScript) when the home is next read, or the next clinic day for homework that is still
 * running, since follow-through drifts as days pass without a write. See the AlertFacts migration.
 */
@Entity({ name: 'client_alert_facts' })
@Index('client_alert_facts_refresh_idx', { synchronize: false })
@Index('client_alert_facts_attention_idx', { synchronize: false })
export class ClientAlertFacts {
  @PrimaryColumn({
    name: 'client_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_client_alert_facts',
  })
  clientId!: string;

  // Many-to-one in TypeORM's terms: the primary key already makes it one row per client.
  @ManyToOne(() => Client, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_client_alert_facts_client' })
  client?: Client;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id', foreignKeyConstraintName: 'FK_client_alert_facts_clinic' })
  clinic?: Clinic;

  /** The clinic day from which the values are stale; null while nothing can change them. */
  @Column({ name: 'refresh_on', type: 'date', nullable: true })
  refreshOn!: string | null;

  /** Counts the writes that marked the row, so a recompute never overwrites a newer mark. */
  @Column({ type: 'integer', default: 0 })
  changes!: number;

  /** The clinic day the values were computed for. */
  @Column({ name: 'computed_on', type: 'date', nullable: true })
  computedOn!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  deteriorating!: DeterioratingFact[];

  /** Homework done and expected over the four weeks up to `computedOn`. */
  @Column({ name: 'homework_done', type: 'integer', default: 0 })
  homeworkDone!: number;

  @Column({ name: 'homework_expected', type: 'integer', default: 0 })
  homeworkExpected!: number;
}
