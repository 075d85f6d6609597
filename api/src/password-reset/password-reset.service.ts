import { BadRequestException, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SessionsService } from '../auth/sessions.service';
import { PasswordHasher } from '../auth/password-hasher';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { hashToken } from '../crypto/token-hash';
import { Db } from '../database/db.service';
import { PreAuthLookups } from '../database/pre-auth-lookups';
import { passwordChangedMail, passwordResetMail } from '../mail/account-mails';
import { MailService } from '../mail/mail.service';
import { User } from '../users/entities/user.entity';
import { normaliseEmail } from '../users/users.service';
import { PasswordReset } from './entities/password-reset.entity';

export const RESET_UNUSABLE =
  'This reset link has expired or was already used. Ask for a new one from the sign-in page.';

const WINDOW_MINUTES = 60;

/**
 * Password reset by email. Asking never says whether the address has an account: the answer,
 * the time it takes and the rate limit are the same either way, and an unknown address gets
 * nothing sent. The link's secret is in the URL fragment (`/reset#token=`), kept only as a
 * SHA-256, works once for 30 minutes and dies when a newer one is asked for; using it ends every
 * session of the account and tells the person by email.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly db: Db,
    private readonly lookups: PreAuthLookups,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves no sooner than the answer floor, whatever happened. */
  async request(email: string, ip: string | null): Promise<void> {
    const started = Date.now();
    try {
      await this.requestNow(normaliseEmail(email), ip);
    } finally {
      const left = started + this.config.passwordReset.answerFloorMs - Date.now();
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
  }

  private async requestNow(emailKey: string, ip: string | null): Promise<void> {
    const { perAddressPerHour, perIpPerHour } = this.config.passwordReset;
    // The IP limit says nothing about the address, so it may answer 429; the address limit is
    // silent (the same 202, nothing sent), or it would tell which addresses were asked about.
    const counts = await this.db.forClinic(null, async (manager) => ({
      ip: ip ? await this.count(manager, `ip:${ip}`) : 0,
      address: await this.count(manager, `email:${emailKey}`),
    }));
    if (counts.ip > perIpPerHour) {
      throw new HttpException(
        'Too many reset requests from this address. Please wait an hour and try again.',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const candidate = await this.lookups.signIn(emailKey);
    const limited = counts.address > perAddressPerHour;
    if (!candidate || !candidate.isActive || limited) {
      await this.db.forClinic(candidate?.clinicId ?? null, (manager) =>
        this.audit.record(
          {
            action: 'auth.password_reset_requested',
            outcome: 'failure',
            actor: null,
            ...(candidate
              ? { clinicId: candidate.clinicId, entityType: 'user', entityId: candidate.userId }
              : {}),
            detail: {
              email: emailKey,
              reason: limited ? 'rate_limited' : candidate ? 'inactive' : 'unknown_email',
            },
          },
          manager,
        ),
      );
      return;
    }

    const token = randomBytes(32).toString('base64url');
    await this.db.forClinic(candidate.clinicId, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: candidate.userId });
      // A newer link is the only one that works.
      await manager
        .createQueryBuilder()
        .update(PasswordReset)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :userId AND used_at IS NULL AND revoked_at IS NULL', { userId: user.id })
        .execute();
      await manager.insert(PasswordReset, {
        clinicId: user.clinicId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + this.config.passwordReset.ttlMinutes * 60_000),
        usedAt: null,
        revokedAt: null,
      });
      await this.audit.record(
        {
          action: 'auth.password_reset_requested',
          actor: null,
          clinicId: user.clinicId,
          entityType: 'user',
          entityId: user.id,
        },
        manager,
      );
      this.mail.sendAfterCommit({
        kind: 'password_reset',
        clinicId: user.clinicId,
        to: user.email,
        ...passwordResetMail({
          displayName: user.displayName,
          url: `${this.config.publicUrl}/reset#token=${token}`,
          validMinutes: this.config.passwordReset.ttlMinutes,
        }),
      });
    });
  }

  /** Sets the password from a reset link; every session of the account ends. */
  async confirm(token: string, password: string): Promise<void> {
    const owner = await this.lookups.passwordReset(hashToken(token));
    if (!owner) throw new BadRequestException(RESET_UNUSABLE);
    const passwordHash = await this.hasher.hash(password);
    await this.db.forClinic(owner.clinicId, async (manager) => {
      const reset = await manager
        .createQueryBuilder(PasswordReset, 'reset')
        .setLock('pessimistic_write')
        .where('reset.id = :id', { id: owner.id })
        .getOne();
      if (!reset || reset.usedAt || reset.revokedAt || reset.expiresAt.getTime() <= Date.now()) {
        throw new BadRequestException(RESET_UNUSABLE);
      }
      const user = await manager.findOneByOrFail(User, { id: reset.userId });
      if (!user.isActive) throw new BadRequestException(RESET_UNUSABLE);
      await manager.update(PasswordReset, { id: reset.id }, { usedAt: new Date() });
      await manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.revokeAllForUser(manager, user.id, 'password_reset');
      // The person proved they hold the mailbox: a lock-out from forgotten guesses ends too.
      await manager.query('DELETE FROM login_throttles WHERE email_key = $1', [user.email]);
      await this.audit.record(
        {
          action: 'auth.password_reset',
          actor: { id: user.id, role: user.role, clinicId: user.clinicId },
          entityType: 'user',
          entityId: user.id,
        },
        manager,
      );
      this.mail.sendAfterCommit({
        kind: 'password_changed',
        clinicId: user.clinicId,
        to: user.email,
        ...passwordChangedMail({
          displayName: user.displayName,
          signInUrl: `${this.config.publicUrl}/sign-in`,
        }),
      });
    });
  }

  /** Counts one request under `key` in the current hour's window and answers the count. */
  private async count(manager: EntityManager, key: string): Promise<number> {
    const rows = await manager.query<{ request_count: number }[]>(
      `INSERT INTO password_reset_throttles AS t (throttle_key, request_count, window_started_at)
       VALUES ($1, 1, now())
       ON CONFLICT (throttle_key) DO UPDATE SET
         request_count = CASE WHEN t.window_started_at < now() - make_interval(mins => $2)
                              THEN 1 ELSE t.request_count + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2)
                                  THEN now() ELSE t.window_started_at END
       RETURNING request_count`,
      [key.slice(0, 300), WINDOW_MINUTES],
    );
    return rows[0]?.request_count ?? 0;
  }
}
