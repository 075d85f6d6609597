import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';

/** What claiming an attempt answered. */
export type AttemptClaim =
  /** Within the limit: check the secret, then `succeeded` or `failed`. */
  | { kind: 'granted'; attempt: number }
  /** Locked: refuse without checking anything. */
  | { kind: 'locked'; lockedUntil: Date };

export interface AttemptLimit {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface FailureOutcome {
  /** This failure is the one that locked the key. */
  lockedNow: boolean;
}

/**
 * Counts attempts at a secret per key (the email address typed, or a second sign-in step's
 * account) and locks the key for a while after too many. An attempt is counted *before* the
 * secret is checked, in one atomic statement, so that many guesses sent at the same moment
 * cannot all be checked: the ones beyond the limit are refused without a hash check. A success
 * clears the count; a failure leaves it counted. Kept per address typed, not per account, so
 * unknown emails behave the same.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Counts one attempt on `key` in a transaction of its own (committed at once, so every
   * concurrent attempt, on any replica, sees it). The row lock of the upsert serialises them.
   */
  async claim(key: string, limit: AttemptLimit = this.config.lockout): Promise<AttemptClaim> {
    const { maxFailures, windowMinutes, lockMinutes } = limit;
    const rows = await this.db.forClinic(null, (manager) =>
      manager.query<{ failure_count: number; locked_until: Date | null; locked: boolean }[]>(
        // A row whose window has passed, or whose lock has ended, starts again from one.
        `INSERT INTO login_throttles AS t (email_key, failure_count, window_started_at, locked_until)
         VALUES ($1, 1, now(), NULL)
         ON CONFLICT (email_key) DO UPDATE SET
           failure_count = CASE
             WHEN t.locked_until > now() THEN t.failure_count
             WHEN t.locked_until IS NOT NULL
               OR t.window_started_at < now() - make_interval(mins => $2) THEN 1
             ELSE t.failure_count + 1 END,
           window_started_at = CASE
             WHEN t.locked_until > now() THEN t.window_started_at
             WHEN t.locked_until IS NOT NULL
               OR t.window_started_at < now() - make_interval(mins => $2) THEN now()
             ELSE t.window_started_at END,
           locked_until = CASE
             WHEN t.locked_until > now() THEN t.locked_until
             WHEN t.locked_until IS NOT NULL
               OR t.window_started_at < now() - make_interval(mins => $2) THEN NULL
             WHEN t.failure_count + 1 > $3 THEN now() + make_interval(mins => $4)
             ELSE NULL END
         RETURNING failure_count, locked_until, coalesce(locked_until > now(), false) AS locked`,
        [key, windowMinutes, maxFailures, lockMinutes],
      ),
    );
    const row = rows[0];
    if (row?.locked && row.locked_until) return { kind: 'locked', lockedUntil: row.locked_until };
    return { kind: 'granted', attempt: row?.failure_count ?? 1 };
  }

  /**
   * The granted attempt failed. The last one the limit allows locks the key at once (its own
   * answer is already the lock's 429).
   */
  async failed(
    key: string,
    claim: Extract<AttemptClaim, { kind: 'granted' }>,
    limit: AttemptLimit = this.config.lockout,
  ): Promise<FailureOutcome> {
    if (claim.attempt < limit.maxFailures) return { lockedNow: false };
    // A later attempt may have set the lock already (it was refused); keep its time.
    await this.db.forClinic(null, (manager) =>
      manager.query(
        `UPDATE login_throttles SET locked_until = now() + make_interval(mins => $2)
         WHERE email_key = $1 AND (locked_until IS NULL OR locked_until <= now())`,
        [key, limit.lockMinutes],
      ),
    );
    return { lockedNow: true };
  }

  /**
   * The attempt succeeded: the attempts counted up to it are forgotten, not those counted after
   * it (guesses racing the right password still count, so a burst never gets more checks than
   * the limit). Without a claim (an invitation accepted), everything is forgotten.
   */
  async succeeded(key: string, claim?: Extract<AttemptClaim, { kind: 'granted' }>): Promise<void> {
    await this.db.forClinic(null, async (manager) => {
      if (claim) {
        await manager.query(
          `UPDATE login_throttles SET failure_count = greatest(failure_count - $2, 0)
           WHERE email_key = $1`,
          [key, claim.attempt],
        );
      }
      await manager.query(
        `DELETE FROM login_throttles WHERE email_key = $1
         AND ($2::boolean OR (failure_count = 0 AND locked_until IS NULL))`,
        [key, claim === undefined],
      );
    });
  }
}
