import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  AuditActions,
  type AccessTokenResponse,
  type MfaChallengeResponse,
} from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import type { AuditDetail } from '../audit/entities/audit-event.entity';
import { MfaChallengesService } from './mfa/mfa-challenges.service';
import { MfaPolicyService } from './mfa/mfa-policy.service';
import { AuditService, type AuditActor } from '../audit/audit.service';
import { InvitesService, INVITE_UNUSABLE } from '../invites/invites.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { User } from '../users/entities/user.entity';
import { normaliseEmail, UsersService } from '../users/users.service';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthSession } from './entities/auth-session.entity';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordConfirmationService } from './password-confirmation.service';
import { PasswordHasher } from './password-hasher';
import { SessionsService, type IssuedRefreshToken } from './sessions.service';
import { Db } from '../database/db.service';
import { PreAuthLookups } from '../database/pre-auth-lookups';
import { hashToken } from '../crypto/token-hash';
import { passwordChangedMail } from '../mail/account-mails';
import { MailService } from '../mail/mail.service';

export const WRONG_CREDENTIALS = 'Email or password is incorrect.';
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  /** The clinic: scopes the request's transaction (row-level security) before anything is read. */
  cid: string;
}

/** What a successful sign-in or refresh hands the controller: the body and the new cookie. */
export interface SignedIn {
  response: AccessTokenResponse;
  refreshToken: string;
}

/** A correct password either signs in or asks for the second step. */
export type SignInOutcome =
  { kind: 'signed_in'; signedIn: SignedIn } | { kind: 'mfa'; challenge: MfaChallengeResponse };

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

function actorOf(
  user: Pick<User, 'role' | 'clinicId'> & ({ id: string } | { userId: string }),
): AuditActor {
  return { id: 'id' in user ? user.id : user.userId, role: user.role, clinicId: user.clinicId };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordConfirmationService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly lookups: PreAuthLookups,
    private readonly jwt: JwtService,
    private readonly invites: InvitesService,
    private readonly mfaPolicy: MfaPolicyService,
    private readonly challenges: MfaChallengesService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Checks a sign-in. Every failure answers alike (wrong password, unknown email, inactive
   * account) so the response never tells whether an email exists; the audit trail tells why.
   */
  async signIn(email: string, password: string, client: ClientInfo): Promise<SignInOutcome> {
    const emailKey = normaliseEmail(email);
    // Counted before the password is checked: guesses beyond the limit, however many arrive at
    // once, are refused without a hash check, and so is the right password while locked.
    const claim = await this.throttle.claim(emailKey);
    if (claim.kind === 'locked') {
      await this.db.forClinic(null, (manager) =>
        this.audit.record(
          {
            action: AuditActions.loginFailed,
            outcome: 'denied',
            actor: null,
            detail: { email: emailKey, reason: 'locked' },
          },
          manager,
        ),
      );
      throw this.lockedError();
    }

    const candidate = await this.lookups.signIn(emailKey);
    const passwordOk =
      candidate?.passwordHash && candidate.isActive
        ? await this.hasher.verify(password, candidate.passwordHash)
        : await this.hasher.verifyAgainstNothing(password);

    if (!candidate || !passwordOk) {
      const outcome = await this.throttle.failed(emailKey, claim);
      // An attempt on a real account is that clinic's event; one on an unknown address is nobody's.
      await this.db.forClinic(candidate?.clinicId ?? null, async (manager) => {
        const actor = candidate ? actorOf(candidate) : null;
        const reason = !candidate
          ? 'unknown_email'
          : !candidate.isActive
            ? 'inactive'
            : candidate.passwordHash
              ? 'wrong_password'
              : 'no_password';
        await this.audit.record(
          {
            action: AuditActions.loginFailed,
            outcome: 'failure',
            actor,
            detail: { email: emailKey, reason },
          },
          manager,
        );
        if (outcome.lockedNow) {
          await this.audit.record(
            {
              action: AuditActions.loginLocked,
              outcome: 'denied',
              actor,
              detail: { email: emailKey },
            },
            manager,
          );
        }
      });
      throw outcome.lockedNow ? this.lockedError() : new UnauthorizedException(WRONG_CREDENTIALS);
    }

    await this.throttle.succeeded(emailKey, claim);
    return this.db.forClinic(candidate.clinicId, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: candidate.userId });
      const due = await this.mfaPolicy.secondStepDue(manager, user);
      if (due) return { kind: 'mfa', challenge: await this.challenges.create(manager, user, due) };
      return { kind: 'signed_in', signedIn: await this.startSession(manager, user, client) };
    });
  }

  /** Opens a session for someone who has passed every step of signing in, and audits it. */
  async startSession(
    manager: EntityManager,
    user: User,
    client: ClientInfo,
    detail?: AuditDetail,
  ): Promise<SignedIn> {
    const started = await this.sessions.start(manager, user, client.ip, client.userAgent);
    await this.audit.record(
      {
        action: AuditActions.loginSucceeded,
        actor: actorOf(user),
        entityType: 'session',
        entityId: started.session.id,
        ...(detail ? { detail } : {}),
      },
      manager,
    );
    return this.signedIn(user, started);
  }

  async refresh(presented: string | undefined): Promise<SignedIn> {
    const owner = presented ? await this.lookups.refreshToken(hashToken(presented)) : null;
    if (!presented || !owner) throw new UnauthorizedException(SESSION_ENDED);
    const signedIn = await this.db.forClinic(owner.clinicId, async (manager) => {
      const rotation = await this.sessions.rotate(manager, presented);
      if (rotation.kind === 'reused') {
        await this.audit.record(
          {
            action: AuditActions.refreshReused,
            outcome: 'denied',
            actor: actorOf(rotation.user),
            entityType: 'session',
            entityId: rotation.sessionId,
          },
          manager,
        );
      }
      return rotation.kind === 'rotated' ? this.signedIn(rotation.user, rotation.issued) : null;
    });
    if (!signedIn) throw new UnauthorizedException(SESSION_ENDED);
    return signedIn;
  }

  async signOut(presented: string | undefined): Promise<void> {
    const owner = presented ? await this.lookups.refreshToken(hashToken(presented)) : null;
    if (!presented || !owner) return;
    await this.db.forClinic(owner.clinicId, async (manager) => {
      const sessionId = await this.sessions.revokeByToken(manager, presented, 'logout');
      if (!sessionId) return;
      const session = await manager.findOne(AuthSession, {
        where: { id: sessionId },
        relations: { user: true },
      });
      const user = session?.user ?? null;
      await this.audit.record(
        {
          action: AuditActions.logout,
          actor: user ? actorOf(user) : null,
          entityType: 'session',
          entityId: sessionId,
        },
        manager,
      );
    });
  }

  /**
   * Sets the password of an invited account from its one-time link, then signs the person in.
   * An unknown, spent or expired link, or a deactivated account, all get the same answer.
   */
  async acceptInvite(token: string, password: string, client: ClientInfo): Promise<SignInOutcome> {
    const owner = await this.lookups.invite(hashToken(token));
    if (!owner) throw new BadRequestException(INVITE_UNUSABLE);
    const passwordHash = await this.hasher.hash(password);
    return this.db.forClinic(owner.clinicId, async (manager) => {
      const invite = await this.invites.claim(manager, token);
      const invited = await manager.findOneByOrFail(User, { id: invite.userId });
      if (!invited.isActive) throw new BadRequestException(INVITE_UNUSABLE);
      await manager.update(
        User,
        { id: invited.id },
        { passwordHash, passwordChangedAt: new Date() },
      );
      await this.throttle.succeeded(invited.email);
      await this.audit.record(
        {
          action: AuditActions.inviteAccepted,
          actor: actorOf(invited),
          entityType: 'user',
          entityId: invited.id,
        },
        manager,
      );
      // Where the clinic requires MFA, a new staff member sets it up before anything opens.
      const due = await this.mfaPolicy.secondStepDue(manager, invited);
      if (due) {
        return { kind: 'mfa', challenge: await this.challenges.create(manager, invited, due) };
      }
      const started = await this.sessions.start(manager, invited, client.ip, client.userAgent);
      return { kind: 'signed_in', signedIn: await this.signedIn(invited, started) };
    });
  }

  /** A password change ends every session of the account, this one included. */
  async changePassword(
    caller: AuthenticatedUser,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    await this.passwords.confirm(
      caller,
      currentPassword,
      AuditActions.passwordChanged,
      'The current password is not correct.',
    );
    if (currentPassword === newPassword) {
      throw new BadRequestException('The new password must differ from the current one.');
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.revokeAllForUser(manager, user.id, 'password_changed');
      await this.audit.record(
        {
          action: AuditActions.passwordChanged,
          actor: actorOf(user),
          entityType: 'user',
          entityId: user.id,
        },
        manager,
      );
      // Someone who took over a signed-in device learns nothing; the owner learns at once.
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

  private async signedIn(user: User, issued: IssuedRefreshToken): Promise<SignedIn> {
    const claims: AccessTokenClaims = { sub: user.id, sid: issued.session.id, cid: user.clinicId };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      response: {
        accessToken,
        expiresIn: this.config.accessTokenTtlSeconds,
        user: await this.users.sessionUser(user.id),
      },
      refreshToken: issued.token,
    };
  }

  private lockedError(): HttpException {
    const minutes = this.config.lockout.lockMinutes;
    return new HttpException(
      `Too many failed sign-in attempts. Please wait ${minutes} minutes and try again.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
