import { type EntityManager } from 'typeorm';
import { mfaResetMail } from '../../mail/account-mails';
import type { MailMessage } from '../../mail/mail.service';
import type { User } from '../../users/entities/user.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { PasskeyCredential } from './entities/passkey-credential.entity';
import { TotpCredential } from './entities/totp-credential.entity';

export interface MfaResetTarget {
  id: string;
  clinicId: string;
}

/**
 * Removes every second-step factor of an account (authenticator, passkeys, recovery codes, pending
 * challenges), so its next sign-in goes by password, then enrolment where the clinic requires it.
 * Shared by the admin's reset and the operator's command. Answers whether anything was removed.
 */
export async function removeMfaFactors(
  manager: EntityManager,
  target: MfaResetTarget,
): Promise<boolean> {
  const removed = await manager.delete(TotpCredential, { userId: target.id });
  const passkeys = await manager.delete(PasskeyCredential, { userId: target.id });
  await manager.delete(RecoveryCode, { userId: target.id });
  await manager
    .createQueryBuilder()
    .update(MfaChallenge)
    .set({ usedAt: () => 'now()' })
    .where('user_id = :userId AND used_at IS NULL', { userId: target.id })
    .execute();
  return (removed.affected ?? 0) + (passkeys.affected ?? 0) > 0;
}

/**
 * The person whose MFA was reset is told by email (someone else changed how their account is
 * protected), once the reset has committed.
 */
export function mfaResetNotice(
  user: Pick<User, 'clinicId' | 'email' | 'displayName'>,
  publicUrl: string,
  enrolAtSignIn: boolean,
): MailMessage {
  return {
    kind: 'mfa_reset',
    clinicId: user.clinicId,
    to: user.email,
    ...mfaResetMail({
      displayName: user.displayName,
      signInUrl: `${publicUrl}/sign-in`,
      enrolAtSignIn,
    }),
  };
}
