import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests per bucket (a route and a caller's address) in the current one-minute window. In
 * PostgreSQL, not in a process's memory, so that every replica counts against the same limit.
 */
@Entity({ name: 'request_rate_limits' })
export class RequestRateLimit {
  @PrimaryColumn({
    name: 'bucket_key',
    type: 'varchar',
    length: 128,
    primaryKeyConstraintName: 'PK_request_rate_limits',
  })
  bucketKey!: string;

  @Column({ type: 'integer' })
  hits!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;
}
