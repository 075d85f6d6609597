import { CONJOINT_DECISIONS, type ConjointDecision } from '@cairn/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { User } from '../../users/entities/user.entity';
import { SafetyScreenRecord } from './safety-screen.entity';

/**
 * A couple's safety review, shown on both partners' charts: raised by a screen answer that asks
 * for one (the moment it is saved), or opened by the therapist to record a decision on conjoint
 * work directly. Until a therapist who treats both partners records a decision, no couples
 * session can be booked for the pair.
 */
@Entity({ name: 'safety_reviews' })
@Index('safety_reviews_client_idx', ['clinicId', 'clientId'])
@Index('safety_reviews_partner_idx', ['clinicId', 'partnerClientId'])
@Index('safety_reviews_screen_key', ['screenId'], {
  unique: true,
  where: '"screen_id" IS NOT NULL',
})
@Check('safety_reviews_pair', '"client_id" <> "partner_client_id"')
@Check(
  'safety_reviews_decided',
  `("decision" IS NULL) = ("decided_at" IS NULL) AND ("decision" IS NULL) = ("decided_by" IS NULL)`,
)
export class SafetyReviewRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** The screened partner (or, for a decision recorded directly, the chart it was made from). */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'partner_client_id', type: 'uuid' })
  partnerClientId!: string;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'partner_client_id' })
  partnerClient?: Client;

  @Column({ name: 'screen_id', type: 'uuid', nullable: true })
  screenId!: string | null;

  @ManyToOne(() => SafetyScreenRecord, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'screen_id' })
  screen?: SafetyScreenRecord | null;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({
    type: 'enum',
    enum: CONJOINT_DECISIONS,
    enumName: 'conjoint_decision',
    nullable: true,
  })
  decision!: ConjointDecision | null;

  @Column({ name: 'note_key_id', type: 'varchar', length: 40, nullable: true })
  noteKeyId!: string | null;

  @Column({ name: 'note_sealed', type: 'bytea', nullable: true })
  noteSealed!: Buffer | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'decided_by' })
  decider?: User | null;
}
