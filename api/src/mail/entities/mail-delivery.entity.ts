import { MAIL_OUTCOMES, type MailKind, type MailOutcome } from '@cairn/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';

/**
 * One email Cairn tried to send: to whom, what kind, when, how many attempts and what became of
 * it. Never the subject or body (they may carry a one-time link). An address whose server
 * refused it for good is `bounced`.
 */
@Entity({ name: 'mail_deliveries' })
@Index('mail_deliveries_recipient_idx', ['clinicId', 'recipient', 'createdAt'])
export class MailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** One of MAIL_KINDS; text, so a new kind needs no migration. */
  @Column({ type: 'varchar', length: 40 })
  kind!: MailKind;

  @Column({ type: 'varchar', length: 254 })
  recipient!: string;

  @Column({ type: 'enum', enum: MAIL_OUTCOMES, enumName: 'mail_outcome', default: 'pending' })
  outcome!: MailOutcome;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The Message-ID the transport gave, to find the message in the provider's logs. */
  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  /** The last failure: SMTP code and the server's short reply, never the message. */
  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
