import {
  BadRequestException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import {
  type AccessTokenResponse,
  type WebAuthnJson,
  type MfaEnrolledResponse,
  type TotpSetupResponse,
} from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { Db } from '../../database/db.service';
import { FieldValidationException } from '../../http/api-exception.filter';
import type { User } from '../../users/entities/user.entity';
import { AuthService, type ClientInfo, type SignedIn } from '../auth.service';
import { LoginThrottleService } from '../login-throttle.service';
import { MfaChallengesService, type OpenChallenge } from './mfa-challenges.service';
import { PasskeysService } from './passkeys.service';
import { RecoveryCodesService } from './recovery-codes.service';
import { TotpService } from './totp.service';

export const CHALLENGE_ENDED = 'This sign-in has expired. Please sign in again.';
export const WRONG_CODE = 'That code is not correct.';

/** The second step's own attempt counter: per account, apart from the password's. */
export function mfaAttemptKey(userId: string): string {
  return `mfa:${userId}`;
}

export interface SecondStepResult {
  signedIn: SignedIn;
  recoveryCodes?: string[];
}

/**
 * The second step of signing in: a code (or a recovery code) for a challenge the password step
 * issued, or, where the clinic requires MFA, setting up the authenticator there and then. Its
 * attempts are counted before the code is checked, with their own limit and lock.
 */
@Injectable()
export class MfaSignInService {
  constructor(
    private readonly db: Db,
    private readonly auth: AuthService,
    private readonly challenges: MfaChallengesService,
    private readonly totp: TotpService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly passkeys: PasskeysService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(
    challengeToken: string,
    proof: { code?: string; recoveryCode?: string },
    client: ClientInfo,
  ): Promise<SignedIn> {
    const given = [proof.code, proof.recoveryCode].filter((value) => value !== undefined);
    if (given.length !== 1) {
      throw new FieldValidationException([
        { field: 'code', problems: ['Give either code or recoveryCode.'] },
      ]);
    }
    const open = await this.challenges.open(challengeToken, 'verify');
    if (!open) throw new UnauthorizedException(CHALLENGE_ENDED);
    const byRecovery = proof.recoveryCode !== undefined;
    const result = await this.attempt(
      open,
      async (manager, user) =>
        byRecovery
          ? this.recoveryCodes.use(manager, user.id, proof.recoveryCode ?? '')
          : this.totp.verify(manager, user, proof.code ?? ''),
      async (manager, user) => {
        if (byRecovery) {
          await this.audit.record(
            {
              action: 'mfa.recovery_code_used',
              actor: actorOf(user),
              entityType: 'user',
              entityId: user.id,
            },
            manager,
          );
        }
        return {
          signedIn: await this.auth.startSession(manager, user, client, {
            mfa: byRecovery ? 'recovery_code' : 'totp',
          }),
        };
      },
    );
    return result.signedIn;
  }

  /** The WebAuthn options for answering a `verify` challenge with a passkey. */
  async passkeyOptions(challengeToken: string): Promise<WebAuthnJson> {
    const open = await this.challenges.open(challengeToken, 'verify');
    if (!open) throw new UnauthorizedException(CHALLENGE_ENDED);
    const options = await this.db.forClinic(open.user.clinicId, (manager) =>
      this.passkeys.authenticationOptions(manager, open.user, challengeToken),
    );
    if (!options) throw new BadRequestException('This account has no passkey.');
    return options as unknown as WebAuthnJson;
  }

  /**
   * The second step answered by a passkey assertion instead of a code: the same counted attempt,
   * limit and lock as a code, and the challenge spent on success (so the assertion cannot be
   * replayed).
   */
  async verifyPasskey(
    challengeToken: string,
    credential: WebAuthnJson,
    client: ClientInfo,
  ): Promise<SignedIn> {
    const open = await this.challenges.open(challengeToken, 'verify');
    if (!open) throw new UnauthorizedException(CHALLENGE_ENDED);
    const result = await this.attempt(
      open,
      (manager, user) => this.passkeys.verifyAssertion(manager, user, challengeToken, credential),
      async (manager, user) => ({
        signedIn: await this.auth.startSession(manager, user, client, { mfa: 'passkey' }),
      }),
    );
    return result.signedIn;
  }

  /** A new authenticator secret for an enrolment challenge (the clinic requires MFA). */
  async startEnrolment(challengeToken: string): Promise<TotpSetupResponse> {
    const open = await this.challenges.open(challengeToken, 'enrol');
    if (!open) throw new UnauthorizedException(CHALLENGE_ENDED);
    return this.db.forClinic(open.user.clinicId, (manager) =>
      this.totp.startEnrolment(manager, open.user),
    );
  }

  /** The first code confirms the authenticator; the person is signed in with recovery codes. */
  async confirmEnrolment(
    challengeToken: string,
    code: string,
    client: ClientInfo,
  ): Promise<{ signedIn: SignedIn; response: MfaEnrolledResponse }> {
    const open = await this.challenges.open(challengeToken, 'enrol');
    if (!open) throw new UnauthorizedException(CHALLENGE_ENDED);
    const result = await this.attempt(
      open,
      (manager, user) => this.totp.confirm(manager, user, code),
      async (manager, user) => {
        const recoveryCodes = await this.recoveryCodes.issue(manager, user);
        await this.audit.record(
          {
            action: 'mfa.totp_enrolled',
            actor: actorOf(user),
            entityType: 'user',
            entityId: user.id,
          },
          manager,
        );
        const signedIn = await this.auth.startSession(manager, user, client, { mfa: 'enrolled' });
        return { signedIn, recoveryCodes };
      },
    );
    const response: AccessTokenResponse = result.signedIn.response;
    return {
      signedIn: result.signedIn,
      response: { ...response, recoveryCodes: result.recoveryCodes ?? [] },
    };
  }

  /**
   * One counted attempt at the second step: claimed before the code is checked; the check, the
   * challenge spent and the session opened in one transaction; a failure counted and audited.
   */
  private async attempt(
    open: OpenChallenge,
    check: (manager: EntityManager, user: User) => Promise<boolean>,
    succeed: (manager: EntityManager, user: User) => Promise<SecondStepResult>,
  ): Promise<SecondStepResult> {
    const { user, challenge } = open;
    const key = mfaAttemptKey(user.id);
    const limit = this.config.mfaLockout;
    const claim = await this.throttle.claim(key, limit);
    if (claim.kind === 'locked') {
      await this.recordFailure(user, 'locked', false);
      throw this.lockedError();
    }
    const outcome = await this.db.forClinic(user.clinicId, async (manager) => {
      if (!(await check(manager, user))) return { kind: 'wrong' as const };
      if (!(await this.challenges.consume(manager, challenge.id)))
        return { kind: 'ended' as const };
      return { kind: 'ok' as const, result: await succeed(manager, user) };
    });
    if (outcome.kind === 'ok') {
      await this.throttle.succeeded(key, claim);
      return outcome.result;
    }
    if (outcome.kind === 'ended') throw new UnauthorizedException(CHALLENGE_ENDED);
    const { lockedNow } = await this.throttle.failed(key, claim, limit);
    await this.recordFailure(user, 'wrong_code', lockedNow);
    throw lockedNow ? this.lockedError() : new UnauthorizedException(WRONG_CODE);
  }

  private async recordFailure(user: User, reason: string, lockedNow: boolean): Promise<void> {
    await this.db.forClinic(user.clinicId, async (manager) => {
      await this.audit.record(
        {
          action: 'mfa.verify_failed',
          outcome: reason === 'locked' ? 'denied' : 'failure',
          actor: actorOf(user),
          detail: { reason },
        },
        manager,
      );
      if (lockedNow) {
        await this.audit.record(
          { action: 'mfa.locked_out', outcome: 'denied', actor: actorOf(user) },
          manager,
        );
      }
    });
  }

  private lockedError(): HttpException {
    return new HttpException(
      `Too many wrong codes. Please wait ${this.config.mfaLockout.lockMinutes} minutes and try again.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

function actorOf(user: User) {
  return { id: user.id, role: user.role, clinicId: user.clinicId };
}
