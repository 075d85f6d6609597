import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Reset requests counted per address typed and per IP address, in PostgreSQL so that every
 * replica shares the count. Holds no clinic's records (an address may belong to nobody).
 */
@Entity({ name: 'password_reset_throttles' })
export class PasswordResetThrottle {
  /** `email:<address>` or `ip:<address>`. */
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 300 })
  throttleKey!: string;

  @Column({ name: 'request_count', type: 'integer' })
  requestCount!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;
}
