import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per email address, whether or not an account has that address, so that a
 * lock-out never tells an attacker which emails exist.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  @PrimaryColumn({ name: 'email_key', type: 'varchar', length: 254 })
  emailKey!: string;

  @Column({ name: 'failure_count', type: 'integer' })
  failureCount!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
