import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../crypto/token-hash';
import { IsNull, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { User } from '../users/entities/user.entity';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthSession } from './entities/auth-session.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Db } from '../database/db.service';

/**
 * The session check every signed-in request makes: fixed SQL, so no query builder runs per
 * request (it cost more CPU than the statement itself).
 */
const FIND_IDENTITY = `SELECT u.id, u.role, u.clinic_id AS "clinicId", u.email, u.display_name AS "displayName",
         s.id AS "sessionId"
    FROM auth_sessions s JOIN users u ON u.id = s.user_id
   WHERE s.id = $1 AND s.user_id = $2
     AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active`;

export type RevokeReason =
  | 'logout'
  | 'refresh_reused'
  | 'password_changed'
  | 'password_reset'
  | 'expired'
  | 'deactivated'
  | 'signed_out_elsewhere';

export interface IssuedRefreshToken {
  session: AuthSession;
  token: string;
}

export type RotationResult =
  | { kind: 'rotated'; user: User; issued: IssuedRefreshToken }
  | { kind: 'reused'; user: User; sessionId: string }
  | { kind: 'ended'; user: User | null; sessionId: string | null };

/**
 * Sign-in sessions and their rotating refresh tokens. A session ends 30 minutes after its last
 * refresh or 12 hours after sign-in, whichever comes first, and at once on sign-out, on a
 * password change, or when a spent refresh token is presented again (then it is presumed stolen
 * and the whole family dies), except for one grace answer to the immediately previous token
 * within a few seconds of its exchange (a reload that lost the answer to its own refresh).
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(
    manager: EntityManager,
    user: User,
    ip: string | null,
    userAgent: string | null,
  ): Promise<IssuedRefreshToken> {
    const now = new Date();
    const session = manager.create(AuthSession, {
      userId: user.id,
      clinicId: user.clinicId,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.config.refreshAbsoluteHours * 3_600_000),
      revokedAt: null,
      revokedReason: null,
      ip,
      userAgent: userAgent?.slice(0, 256) ?? null,
    });
    await manager.save(session);
    return { session, token: await this.issueToken(manager, session) };
  }

  /** Exchanges a refresh token for a new one, in the caller's transaction. */
  async rotate(manager: EntityManager, presented: string): Promise<RotationResult> {
    const token = await manager
      .createQueryBuilder(RefreshToken, 'token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :hash', { hash: hashToken(presented) })
      .getOne();
    if (!token) return { kind: 'ended', user: null, sessionId: null };

    const session = await manager.findOneByOrFail(AuthSession, { id: token.sessionId });
    const user = await manager.findOneByOrFail(User, { id: session.userId });
    const now = Date.now();
    const idleLimit = session.lastUsedAt.getTime() + this.config.refreshIdleMinutes * 60_000;
    const alive =
      session.revokedAt === null &&
      user.isActive &&
      now <= idleLimit &&
      now <= session.expiresAt.getTime();

    if (token.usedAt !== null) {
      if (alive && (await this.graceApplies(manager, token, now))) {
        // The token just exchanged came back (a reload or a second tab raced the refresh and
        // lost its answer). The server keeps only hashes, so it cannot hand back the token it
        // issued: it issues another, once, and the session goes on.
        await manager.update(RefreshToken, { id: token.id }, { graceUsedAt: new Date(now) });
        await manager.update(AuthSession, { id: session.id }, { lastUsedAt: new Date(now) });
        session.lastUsedAt = new Date(now);
        return {
          kind: 'rotated',
          user,
          issued: { session, token: await this.issueToken(manager, session, token.id) },
        };
      }
      await this.revokeSession(manager, session.id, 'refresh_reused');
      return { kind: 'reused', user, sessionId: session.id };
    }
    if (!alive) {
      if (session.revokedAt === null) await this.revokeSession(manager, session.id, 'expired');
      return { kind: 'ended', user, sessionId: session.id };
    }

    await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date(now) });
    // Any other live token of the session (a grace answer's twin) is spent now too: from here
    // on one token continues the session, and a copy of the other coming back is theft.
    await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ usedAt: new Date(now) })
      .where('session_id = :sessionId AND used_at IS NULL AND id <> :id', {
        sessionId: session.id,
        id: token.id,
      })
      .execute();
    await manager.update(AuthSession, { id: session.id }, { lastUsedAt: new Date(now) });
    session.lastUsedAt = new Date(now);
    return {
      kind: 'rotated',
      user,
      issued: { session, token: await this.issueToken(manager, session, token.id) },
    };
  }

  /**
   * A spent token gets one more answer only if it is the immediately previous one: exchanged
   * within the last few seconds, its successor not yet used, and its grace not yet spent.
   * Anything else (an older token, a second replay, a replay after the window) is theft.
   */
  private async graceApplies(
    manager: EntityManager,
    token: RefreshToken,
    now: number,
  ): Promise<boolean> {
    if (token.graceUsedAt !== null || token.usedAt === null) return false;
    if (now - token.usedAt.getTime() > this.config.refreshGraceSeconds * 1000) return false;
    const liveChild = await manager.findOneBy(RefreshToken, {
      sessionId: token.sessionId,
      parentId: token.id,
      usedAt: IsNull(),
    });
    return liveChild !== null;
  }

  async revokeByToken(
    manager: EntityManager,
    presented: string,
    reason: RevokeReason,
  ): Promise<string | null> {
    const token = await manager.findOneBy(RefreshToken, { tokenHash: hashToken(presented) });
    if (!token) return null;
    await this.revokeSession(manager, token.sessionId, reason);
    return token.sessionId;
  }

  async revokeAllForUser(
    manager: EntityManager,
    userId: string,
    reason: RevokeReason,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
  }

  /**
   * The caller behind an access token, if its session is still alive and the account active.
   * Read on every request, so a sign-out, deactivation or role change applies at once.
   */
  async findIdentity(sessionId: string, userId: string): Promise<AuthenticatedUser | null> {
    const [row] = await this.db.manager.query<AuthenticatedUser[]>(FIND_IDENTITY, [
      sessionId,
      userId,
    ]);
    return row ?? null;
  }

  private async revokeSession(
    manager: EntityManager,
    sessionId: string,
    reason: RevokeReason,
  ): Promise<void> {
    // Keeps the first reason if the session already ended.
    await manager
      .createQueryBuilder()
      .update(AuthSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :sessionId AND revoked_at IS NULL', { sessionId })
      .execute();
  }

  private async issueToken(
    manager: EntityManager,
    session: AuthSession,
    parentId: string | null = null,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      sessionId: session.id,
      parentId,
      graceUsedAt: null,
      clinicId: session.clinicId,
      tokenHash: hashToken(token),
      usedAt: null,
    });
    return token;
  }
}
