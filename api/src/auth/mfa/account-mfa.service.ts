import { ForbiddenException, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { FieldValidationException } from '../../http/api-exception.filter';
import {
  type MyMfaStatus,
  type PasskeySummary,
  type WebAuthnJson,
  type RecoveryCodesResponse,
  type TotpSetupResponse,
} from '@cairn/contracts';
import { AuditService } from '../../audit/audit.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { Db } from '../../database/db.service';
import { User } from '../../users/entities/user.entity';
import type { AuthenticatedUser } from '../authenticated-user';
import { LoginThrottleService } from '../login-throttle.service';
import { PasswordConfirmationService } from '../password-confirmation.service';
import { mfaAttemptKey, WRONG_CODE } from './mfa-sign-in.service';
import { MfaPolicyService } from './mfa-policy.service';
import { PasskeysService } from './passkeys.service';
import { RecoveryCodesService } from './recovery-codes.service';
import { TotpService } from './totp.service';

/**
 * A signed-in person's own second step: set up an authenticator (staff and portal clients alike),
 * renew recovery codes, or turn it off (not where the clinic requires it of staff). Turning off
 * and renewing ask for the password again, so an unattended session cannot weaken the account.
 */
@Injectable()
export class AccountMfaService {
  constructor(
    private readonly db: Db,
    private readonly totp: TotpService,
    private readonly recoveryCodes: RecoveryCodesService,
    private readonly passkeys: PasskeysService,
    private readonly policy: MfaPolicyService,
    private readonly passwords: PasswordConfirmationService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(caller: AuthenticatedUser): Promise<MyMfaStatus> {
    const manager = this.db.manager;
    return {
      totpEnabled: await this.totp.isEnabled(manager, caller.id),
      recoveryCodesLeft: await this.recoveryCodes.remaining(manager, caller.id),
      required: await this.requiredOf(caller),
    };
  }

  async startTotp(caller: AuthenticatedUser): Promise<TotpSetupResponse> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    return this.totp.startEnrolment(this.db.manager, user);
  }

  async confirmTotp(caller: AuthenticatedUser, code: string): Promise<RecoveryCodesResponse> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    const key = mfaAttemptKey(user.id);
    const claim = await this.throttle.claim(key, this.config.mfaLockout);
    if (claim.kind === 'locked') {
      throw new HttpException(
        'Too many wrong codes. Wait a few minutes and try again.',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (!(await this.totp.confirm(this.db.manager, user, code))) {
      await this.throttle.failed(key, claim, this.config.mfaLockout);
      // A 400 on the field, not a 401: the caller's session is fine, only the code is wrong.
      throw new FieldValidationException([{ field: 'code', problems: [WRONG_CODE] }]);
    }
    await this.throttle.succeeded(key, claim);
    const recoveryCodes = await this.recoveryCodes.issue(this.db.manager, user);
    await this.audit.record({ action: 'mfa.totp_enrolled', entityType: 'user', entityId: user.id });
    return { recoveryCodes };
  }

  async renewRecoveryCodes(
    caller: AuthenticatedUser,
    password: string,
  ): Promise<RecoveryCodesResponse> {
    await this.passwords.confirm(caller, password, 'mfa.recovery_codes_renewed');
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    if (!(await this.totp.isEnabled(this.db.manager, user.id))) {
      throw new ForbiddenException('Set up an authenticator app first.');
    }
    const recoveryCodes = await this.recoveryCodes.issue(this.db.manager, user);
    await this.audit.record({
      action: 'mfa.recovery_codes_renewed',
      entityType: 'user',
      entityId: user.id,
    });
    return { recoveryCodes };
  }

  async disableTotp(caller: AuthenticatedUser, password: string): Promise<void> {
    await this.passwords.confirm(caller, password, 'mfa.totp_disabled');
    if (await this.requiredOf(caller)) {
      throw new ForbiddenException('Your clinic requires staff to keep a second sign-in step.');
    }
    await this.totp.remove(this.db.manager, caller.id);
    await this.recoveryCodes.remove(this.db.manager, caller.id);
    await this.audit.record({
      action: 'mfa.totp_disabled',
      entityType: 'user',
      entityId: caller.id,
    });
  }

  listPasskeys(caller: AuthenticatedUser): Promise<PasskeySummary[]> {
    return this.passkeys.list(this.db.manager, caller.id);
  }

  async passkeyOptions(caller: AuthenticatedUser): Promise<WebAuthnJson> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    const options = await this.passkeys.registrationOptions(this.db.manager, user);
    return options as unknown as WebAuthnJson;
  }

  async registerPasskey(
    caller: AuthenticatedUser,
    name: string,
    credential: WebAuthnJson,
  ): Promise<PasskeySummary> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    const added = await this.passkeys.register(this.db.manager, user, name, credential);
    await this.audit.record({
      action: 'mfa.passkey_registered',
      entityType: 'user',
      entityId: user.id,
    });
    return added;
  }

  /** Asks for the password, like turning the app off; never removes the last required factor. */
  async removePasskey(caller: AuthenticatedUser, id: string, password: string): Promise<void> {
    await this.passwords.confirm(caller, password, 'mfa.passkey_removed');
    const manager = this.db.manager;
    if (
      (await this.requiredOf(caller)) &&
      !(await this.totp.isEnabled(manager, caller.id)) &&
      (await this.passkeys.count(manager, caller.id)) <= 1
    ) {
      throw new ForbiddenException('Your clinic requires staff to keep a second sign-in step.');
    }
    await this.passkeys.remove(manager, caller.id, id);
    await this.audit.record({
      action: 'mfa.passkey_removed',
      entityType: 'user',
      entityId: caller.id,
    });
  }

  private async requiredOf(caller: AuthenticatedUser): Promise<boolean> {
    return (
      caller.role !== 'client' &&
      (await this.policy.requiredForStaff(this.db.manager, caller.clinicId))
    );
  }
}
