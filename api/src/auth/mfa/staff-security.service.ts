import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { type MfaPolicy, type StaffSecurityView } from '@cairn/contracts';
import { AccessService } from '../../access/access.service';
import { AuditService } from '../../audit/audit.service';
import { Clinic } from '../../clinics/entities/clinic.entity';
import { Db } from '../../database/db.service';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { MailService } from '../../mail/mail.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { PasswordConfirmationService } from '../password-confirmation.service';
import { mfaResetNotice, removeMfaFactors } from './mfa-reset';

/**
 * The admin's "Staff security": who has a second sign-in step, whether the clinic requires it
 * of staff, and resetting another staff member's MFA (after the admin re-enters their password).
 */
@Injectable()
export class StaffSecurityService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly passwords: PasswordConfirmationService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(actor: AuthenticatedUser): Promise<StaffSecurityView> {
    await this.access.authorize(
      actor,
      'sign_in_security',
      { clinicId: actor.clinicId },
      'review',
      'clinic',
    );
    const manager = this.db.manager;
    const clinic = await manager.findOneByOrFail(Clinic, { id: actor.clinicId });
    const rows = await manager.query<
      {
        id: string;
        display_name: string;
        email: string;
        role: 'admin' | 'therapist';
        is_active: boolean;
        authenticator_app: boolean;
        passkeys: number;
      }[]
    >(
      `SELECT u.id, u.display_name, u.email, u.role, u.is_active,
              EXISTS (SELECT 1 FROM totp_credentials t
                       WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS authenticator_app,
              (SELECT count(*)::int FROM passkey_credentials p WHERE p.user_id = u.id) AS passkeys
         FROM users u
        WHERE u.clinic_id = $1 AND u.role <> 'client'
        ORDER BY u.is_active DESC, u.display_name, u.id`,
      [actor.clinicId],
    );
    return {
      requiredForStaff: clinic.mfaRequiredForStaff,
      staff: rows.map((row) => ({
        id: row.id,
        displayName: row.display_name,
        email: row.email,
        role: row.role,
        isActive: row.is_active,
        mfaEnabled: row.authenticator_app || row.passkeys > 0,
        authenticatorApp: row.authenticator_app,
        passkeys: row.passkeys,
      })),
    };
  }

  async setPolicy(actor: AuthenticatedUser, policy: MfaPolicy): Promise<MfaPolicy> {
    await this.access.authorize(
      actor,
      'sign_in_security',
      { clinicId: actor.clinicId },
      'set_policy',
      'clinic',
    );
    const manager = this.db.manager;
    // The row lock serialises two admins, so each audit row's "from" is true.
    const clinic = await manager.findOneOrFail(Clinic, {
      where: { id: actor.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (clinic.mfaRequiredForStaff !== policy.requiredForStaff) {
      await manager.update(
        Clinic,
        { id: clinic.id },
        { mfaRequiredForStaff: policy.requiredForStaff },
      );
      await this.audit.record({
        action: 'clinic.mfa_policy_changed',
        entityType: 'clinic',
        entityId: clinic.id,
        detail: { from: clinic.mfaRequiredForStaff, to: policy.requiredForStaff },
      });
    }
    return { requiredForStaff: policy.requiredForStaff };
  }

  async resetMfa(actor: AuthenticatedUser, userId: string, password: string): Promise<void> {
    if (userId === actor.id) {
      throw new BadRequestException('Change your own sign-in protection from your account page.');
    }
    const { record: target } = await this.access.load(actor, 'staffAccount', userId, 'reset_mfa', {
      lock: true,
    });
    // Re-authentication: a session left open cannot strip another person's protection.
    await this.passwords.confirm(actor, password, 'mfa.reset');
    const manager = this.db.manager;
    const hadFactors = await removeMfaFactors(manager, target);
    await this.audit.record({
      action: 'mfa.reset',
      entityType: 'user',
      entityId: target.id,
      detail: { hadFactors },
    });
    const clinic = await manager.findOneByOrFail(Clinic, { id: actor.clinicId });
    this.mail.sendAfterCommit(
      mfaResetNotice(target, this.config.publicUrl, clinic.mfaRequiredForStaff),
    );
  }
}
