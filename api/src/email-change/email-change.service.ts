import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { PasswordConfirmationService } from '../auth/password-confirmation.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { hashToken } from '../crypto/token-hash';
import { isUniqueViolation } from '../database/database-errors';
import { Db } from '../database/db.service';
import { PreAuthLookups } from '../database/pre-auth-lookups';
import { emailChangedMail, emailChangeMail } from '../mail/account-mails';
import { MailService } from '../mail/mail.service';
import { User } from '../users/entities/user.entity';
import { normaliseEmail } from '../users/users.service';
import { EmailChange } from './entities/email-change.entity';

export const EMAIL_CHANGE_UNUSABLE =
  'This confirmation link has expired or was already used. Ask for the change again from your account.';
const VALID_MINUTES = 60;

/**
 * Changing one's sign-in email: the password again, then a link sent to the new address, so an
 * account can only move to a mailbox its owner holds. The old address is told once it is done.
 * Whether the new address already has an account is not told (nothing is sent to it then).
 */
@Injectable()
export class EmailChangeService {
  constructor(
    private readonly db: Db,
    private readonly lookups: PreAuthLookups,
    private readonly passwords: PasswordConfirmationService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async request(caller: AuthenticatedUser, password: string, newEmail: string): Promise<void> {
    const user = await this.db.manager.findOneByOrFail(User, { id: caller.id });
    await this.passwords.confirm(
      caller,
      password,
      'auth.email_change_requested',
      'The password is not correct.',
    );
    const wanted = normaliseEmail(newEmail);
    if (wanted === user.email) {
      throw new BadRequestException('This is already the email you sign in with.');
    }
    const taken = (await this.lookups.signIn(wanted)) !== null;
    const token = randomBytes(32).toString('base64url');
    await this.db.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(EmailChange)
        .set({ revokedAt: () => 'now()' })
        .where('user_id = :userId AND used_at IS NULL AND revoked_at IS NULL', { userId: user.id })
        .execute();
      await this.audit.record(
        {
          action: 'auth.email_change_requested',
          entityType: 'user',
          entityId: user.id,
          ...(taken ? { detail: { reason: 'address_in_use' } } : {}),
        },
        manager,
      );
      if (taken) return;
      await manager.insert(EmailChange, {
        clinicId: user.clinicId,
        userId: user.id,
        newEmail: wanted,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + VALID_MINUTES * 60_000),
        usedAt: null,
        revokedAt: null,
      });
      this.mail.sendAfterCommit({
        kind: 'email_change_confirmation',
        clinicId: user.clinicId,
        to: wanted,
        ...emailChangeMail({
          displayName: user.displayName,
          url: `${this.config.publicUrl}/email-change#token=${token}`,
          validMinutes: VALID_MINUTES,
        }),
      });
    });
  }

  async confirm(token: string): Promise<void> {
    const owner = await this.lookups.emailChange(hashToken(token));
    if (!owner) throw new BadRequestException(EMAIL_CHANGE_UNUSABLE);
    await this.db.forClinic(owner.clinicId, async (manager) => {
      const change = await manager
        .createQueryBuilder(EmailChange, 'change')
        .setLock('pessimistic_write')
        .where('change.id = :id', { id: owner.id })
        .getOne();
      if (
        !change ||
        change.usedAt ||
        change.revokedAt ||
        change.expiresAt.getTime() <= Date.now()
      ) {
        throw new BadRequestException(EMAIL_CHANGE_UNUSABLE);
      }
      const user = await manager.findOneByOrFail(User, { id: change.userId });
      if (!user.isActive) throw new BadRequestException(EMAIL_CHANGE_UNUSABLE);
      await manager.update(EmailChange, { id: change.id }, { usedAt: new Date() });
      try {
        await this.db.transaction((inner) =>
          inner.update(User, { id: user.id }, { email: change.newEmail }),
        );
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) {
          throw new ConflictException('Another account now uses this address; nothing changed.');
        }
        throw error;
      }
      // A client's file keeps the address the portal signs in with.
      if (user.role === 'client') {
        await manager.query('UPDATE clients SET email = $1 WHERE portal_user_id = $2', [
          change.newEmail,
          user.id,
        ]);
      }
      await this.audit.record(
        {
          action: 'auth.email_changed',
          actor: { id: user.id, role: user.role, clinicId: user.clinicId },
          entityType: 'user',
          entityId: user.id,
        },
        manager,
      );
      this.mail.sendAfterCommit({
        kind: 'email_changed',
        clinicId: user.clinicId,
        to: user.email,
        ...emailChangedMail({ displayName: user.displayName, newAddress: change.newEmail }),
      });
    });
  }
}
