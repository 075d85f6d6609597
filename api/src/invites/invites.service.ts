import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { PortalInvite } from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../crypto/token-hash';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { User } from '../users/entities/user.entity';
import { invitationMail } from '../mail/account-mails';
import { MailService } from '../mail/mail.service';
import { AccountInvite } from './entities/account-invite.entity';

export const INVITE_UNUSABLE =
  'This invitation link has expired or was already used. Ask the clinic for a new one.';

/**
 * One-time links to set a password, sent by email once the transaction that made them commits
 * (and answered once to the admin who asked, for when the mail does not arrive). The secret
 * travels in the URL fragment (`#invite=`), which browsers never send to a server, so it stays
 * out of access logs and referrers.
 */
@Injectable()
export class InvitesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {}

  /** A new link for `user`, mailed to them; any earlier unused link for them stops working. */
  async issue(manager: EntityManager, user: User, createdBy: string): Promise<PortalInvite> {
    await manager
      .createQueryBuilder()
      .update(AccountInvite)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND used_at IS NULL AND revoked_at IS NULL', { userId: user.id })
      .execute();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.inviteTtlHours * 3_600_000);
    await manager.insert(AccountInvite, {
      userId: user.id,
      clinicId: user.clinicId,
      tokenHash: hashToken(token),
      createdBy,
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    const inviteUrl = `${this.config.publicUrl}/welcome#invite=${token}`;
    const staff = user.role !== 'client';
    this.mail.sendAfterCommit({
      kind: staff ? 'staff_invitation' : 'client_invitation',
      clinicId: user.clinicId,
      to: user.email,
      ...invitationMail({
        displayName: user.displayName,
        url: inviteUrl,
        staff,
        validHours: this.config.inviteTtlHours,
      }),
    });
    return {
      inviteUrl,
      expiresAt: expiresAt.toISOString(),
      email: user.email,
    };
  }

  /** Marks the invite used and returns whose it was; refuses one that is unknown, spent or expired. */
  async claim(manager: EntityManager, token: string): Promise<AccountInvite> {
    const invite = await manager
      .createQueryBuilder(AccountInvite, 'invite')
      .setLock('pessimistic_write')
      .where('invite.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt.getTime() <= Date.now()) {
      throw new BadRequestException(INVITE_UNUSABLE);
    }
    await manager.update(AccountInvite, { id: invite.id }, { usedAt: new Date() });
    return invite;
  }
}
