import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AccountSession } from '@cairn/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthSession } from './entities/auth-session.entity';
import { describeUserAgent } from './user-agent';

/**
 * The caller's own live sessions, to recognise a device that should not be there and sign it
 * out. Only the caller's own: another person's session id answers 404 like an unknown one.
 */
@Injectable()
export class AccountSessionsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(caller: AuthenticatedUser): Promise<AccountSession[]> {
    const idleSince = new Date(Date.now() - this.config.refreshIdleMinutes * 60_000);
    const sessions = await this.db.manager
      .createQueryBuilder(AuthSession, 's')
      .where('s.user_id = :userId AND s.revoked_at IS NULL', { userId: caller.id })
      .andWhere('s.expires_at > now() AND s.last_used_at > :idleSince', { idleSince })
      .orderBy('s.last_used_at', 'DESC')
      .addOrderBy('s.id')
      .getMany();
    return sessions.map((session) => ({
      id: session.id,
      current: session.id === caller.sessionId,
      device: describeUserAgent(session.userAgent),
      ip: session.ip,
      signedInAt: session.createdAt.toISOString(),
      lastUsedAt: session.lastUsedAt.toISOString(),
    }));
  }

  async signOut(caller: AuthenticatedUser, sessionId: string): Promise<void> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: 'signed_out_elsewhere' })
      .where('id = :sessionId AND user_id = :userId AND revoked_at IS NULL', {
        sessionId,
        userId: caller.id,
      })
      .execute();
    if ((result.affected ?? 0) === 0) throw new NotFoundException('Session not found.');
    await this.audit.record({
      action: 'auth.session_revoked',
      entityType: 'session',
      entityId: sessionId,
    });
  }

  /** Every session of the account but this one. Answers how many ended. */
  async signOutOthers(caller: AuthenticatedUser): Promise<number> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: 'signed_out_elsewhere' })
      .where('user_id = :userId AND id <> :sessionId AND revoked_at IS NULL', {
        userId: caller.id,
        sessionId: caller.sessionId,
      })
      .execute();
    const ended = result.affected ?? 0;
    if (ended > 0) {
      await this.audit.record({
        action: 'auth.session_revoked',
        entityType: 'session',
        detail: { others: ended },
      });
    }
    return ended;
  }
}
