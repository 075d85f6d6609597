import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';

export interface FailureOutcome {
  /** This failure is the one that locked the address. */
  lockedNow: boolean;
}

/**
 * Counts failed sign-ins per email address within a window and locks the address for a while
 * after too many. Kept per address typed, not per account, so unknown emails behave the same.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async lockedUntil(emailKey: string): Promise<Date | null> {
    const rows = await this.db.manager.query<{ locked_until: Date }[]>(
      'SELECT locked_until FROM login_throttles WHERE email_key = $1 AND locked_until > now()',
      [emailKey],
    );
    return rows[0]?.locked_until ?? null;
  }

  async recordFailure(manager: EntityManager, emailKey: string): Promise<FailureOutcome> {
    const { maxFailures, windowMinutes, lockMinutes } = this.config.lockout;
    // One atomic upsert, so concurrent failures cannot both read a stale count.
    const rows = await manager.query<{ failure_count: number; locked_until: Date | null }[]>(
      `INSERT INTO login_throttles AS t (email_key, failure_count, window_started_at, locked_until)
       VALUES ($1, 1, now(), NULL)
       ON CONFLICT (email_key) DO UPDATE SET
         failure_count = CASE WHEN t.window_started_at < now() - make_interval(mins => $2)
                              THEN 1 ELSE t.failure_count + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2)
                                  THEN now() ELSE t.window_started_at END,
         locked_until = CASE WHEN t.window_started_at >= now() - make_interval(mins => $2)
                                  AND t.failure_count + 1 >= $3
                             THEN now() + make_interval(mins => $4) ELSE NULL END
       RETURNING failure_count, locked_until`,
      [emailKey, windowMinutes, maxFailures, lockMinutes],
    );
    const row = rows[0];
    return {
      lockedNow:
        row !== undefined && row.locked_until !== null && row.failure_count === maxFailures,
    };
  }

  async clear(manager: EntityManager, emailKey: string): Promise<void> {
    await manager.query('DELETE FROM login_throttles WHERE email_key = $1', [emailKey]);
  }
}
