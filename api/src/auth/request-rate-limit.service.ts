import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/**
 * Counts requests per bucket (route and address) in a one-minute window, in PostgreSQL, so that
 * two replicas behind one load balancer share the limit instead of each granting its own.
 */
@Injectable()
export class RequestRateLimitService {
  constructor(private readonly db: Db) {}

  /** Counts this request and answers whether it is within `limit` for the current minute. */
  async hit(bucketKey: string, limit: number): Promise<boolean> {
    return this.db.forClinic(null, async (manager) => {
      // One atomic upsert: concurrent requests on any replica each get their own count.
      const rows = await manager.query<{ hits: number }[]>(
        `INSERT INTO request_rate_limits AS r (bucket_key, hits, window_started_at)
         VALUES ($1, 1, now())
         ON CONFLICT (bucket_key) DO UPDATE SET
           hits = CASE WHEN r.window_started_at <= now() - interval '1 minute'
                       THEN 1 ELSE r.hits + 1 END,
           window_started_at = CASE WHEN r.window_started_at <= now() - interval '1 minute'
                                    THEN now() ELSE r.window_started_at END
         RETURNING hits`,
        [bucketKey.slice(0, 128)],
      );
      // Now and then, forget the buckets of addresses that went quiet (keeps the table small).
      if (Math.random() < 0.01) {
        await manager.query(
          `DELETE FROM request_rate_limits WHERE window_started_at < now() - interval '1 hour'`,
        );
      }
      return (rows[0]?.hits ?? 1) <= limit;
    });
  }
}
