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
import { AuthSession } from './auth-session.entity';

/** A refresh token is stored only as its SHA-256; the cookie holds the secret. */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The tenant: row-level security compares it with the clinic of the request. */
  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('refresh_tokens_session_idx')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'session_id' })
  session?: AuthSession;

  @Index('refresh_tokens_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set when the token is exchanged; presenting it again means it was stolen. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** The token this one was issued in exchange for (null for the first of a session). */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  /** When this spent token got its one grace answer (a reload racing its own refresh). */
  @Column({ name: 'grace_used_at', type: 'timestamptz', nullable: true })
  graceUsedAt!: Date | null;
}
