import { BadRequestException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { AuditAction } from '@cairn/contracts';
import { AuditService } from '../audit/audit.service';
import { FieldValidationException } from '../http/api-exception.filter';
import { User } from '../users/entities/user.entity';
import { normaliseEmail } from '../users/users.service';
import type { AuthenticatedUser } from './authenticated-user';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { Db } from '../database/db.service';

/**
 * Re-asks the signed-in user for their password before an act with legal weight (signing a note).
 * Wrong passwords count against the same lock as sign-in, so a stolen session cannot be used to
 * guess the password here instead.
 */
@Injectable()
export class PasswordConfirmationService {
  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Resolves when the password is the caller's; otherwise throws a 400 naming `password` (or,
   * given `refusal`, a 400 in those words). Every re-entry of a password goes through here, so
   * each wrong one counts toward the sign-in lock.
   */
  async confirm(
    caller: AuthenticatedUser,
    password: string,
    purpose: AuditAction,
    refusal?: string,
  ): Promise<void> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    const emailKey = normaliseEmail(user.email);
    const claim = await this.throttle.claim(emailKey);
    if (claim.kind === 'locked') {
      throw new HttpException(
        'Too many wrong passwords. Wait a few minutes and try again.',
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (user.passwordHash && (await this.hasher.verify(password, user.passwordHash))) {
      await this.throttle.succeeded(emailKey, claim);
      return;
    }
    await this.throttle.failed(emailKey, claim);
    // Its own transaction: the request fails, but the wrong guess must still be on record.
    await this.db.forClinic(caller.clinicId, async (manager) => {
      await this.audit.record(
        { action: purpose, outcome: 'failure', detail: { reason: 'wrong_password' } },
        manager,
      );
    });
    if (refusal) throw new BadRequestException(refusal);
    throw new FieldValidationException([
      { field: 'password', problems: ['That password is not correct.'] },
    ]);
  }
}
