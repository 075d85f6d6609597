import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { Clinic } from '../../clinics/entities/clinic.entity';
import type { User } from '../../users/entities/user.entity';
import type { MfaChallenge } from './entities/mfa-challenge.entity';
import { TotpService } from './totp.service';

/** Whether a sign-in needs a second step, and which. */
@Injectable()
export class MfaPolicyService {
  constructor(private readonly totp: TotpService) {}

  /**
   * `verify` when the account has an authenticator; `enrol` when it has none but the clinic
   * requires MFA of staff and this is staff (nothing else opens until it is set up); else none.
   */
  async secondStepDue(manager: EntityManager, user: User): Promise<MfaChallenge['purpose'] | null> {
    if (await this.totp.isEnabled(manager, user.id)) return 'verify';
    if (user.role !== 'client' && (await this.requiredForStaff(manager, user.clinicId)))
      return 'enrol';
    return null;
  }

  async requiredForStaff(manager: EntityManager, clinicId: string): Promise<boolean> {
    const clinic = await manager.findOneBy(Clinic, { id: clinicId });
    return clinic?.mfaRequiredForStaff ?? false;
  }
}
