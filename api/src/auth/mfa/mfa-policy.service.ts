import { Injectable } from '@nestjs/common';
import { type MfaChallengeResponse } from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import type { User } from '../../users/entities/user.entity';
import { PasskeyCredential } from './entities/passkey-credential.entity';
import { TotpService } from './totp.service';

/** Whether a sign-in needs a second step, and which. */
@Injectable()
export class MfaPolicyService {
  constructor(private readonly totp: TotpService) {}

  /**
   * `verify` when the account has an authenticator app or a passkey; `enrol` when it has none but the clinic
   * requires MFA of staff and this is staff (nothing else opens until it is set up); else none.
   */
  async secondStepDue(
    manager: EntityManager,
    user: User,
  ): Promise<MfaChallengeResponse['mfa'] | null> {
    if (await this.totp.isEnabled(manager, user.id)) return 'verify';
    if (await manager.existsBy(PasskeyCredential, { userId: user.id })) return 'verify';
    if (user.role !== 'client' && (await this.requiredForStaff(manager, user.clinicId)))
      return 'enrol';
    return null;
  }

  async requiredForStaff(manager: EntityManager, clinicId: string): Promise<boolean> {
    const clinic = await manager.findOneBy(Clinic, { id: clinicId });
    return clinic?.mfaRequiredForStaff ?? false;
  }
}
