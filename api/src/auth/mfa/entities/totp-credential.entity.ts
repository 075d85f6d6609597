import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from '../../../clinics/entities/clinic.entity';
import { User } from '../../../users/entities/user.entity';

/**
 * A person's authenticator-app secret, sealed (FieldCipher, context `totp_credentials:<id>:secret`)
 * so a dump or backup cannot mint codes. Unconfirmed until the first code is entered; one per
 * account (a new enrolment replaces an unconfirmed one).
 */
@Entity({ name: 'totp_credentials' })
export class TotpCredential {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'clinic_id', type: 'uuid' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('totp_credentials_user_key', { unique: true })
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'secret_key_id', type: 'varchar', length: 40 })
  secretKeyId!: string;

  @Column({ name: 'secret_sealed', type: 'bytea' })
  secretSealed!: Buffer;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** The last 30-second step a code was accepted for: the same code never works twice. */
  @Column({ name: 'last_used_step', type: 'bigint', nullable: true })
  lastUsedStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
