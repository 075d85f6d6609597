import { type EntityManager } from 'typeorm';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import { insertAuditRows } from '../../audit/audit-rows';
import { randomUUID } from 'node:crypto';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { TotpCredential } from './entities/totp-credential.entity';

export interface MfaResetTarget {
  id: string;
  clinicId: string;
}

/**
 * Removes every second-step factor of an account (authenticator, recovery codes, pending
 * challenges), so its next sign-in goes by password, then enrolment where the clinic requires it.
 * Shared by the admin's reset and the operator's command. Answers whether anything was removed.
 */
export async function removeMfaFactors(
  manager: EntityManager,
  target: MfaResetTarget,
): Promise<boolean> {
  const removed = await manager.delete(TotpCredential, { userId: target.id });
  await manager.delete(RecoveryCode, { userId: target.id });
  await manager
    .createQueryBuilder()
    .update(MfaChallenge)
    .set({ usedAt: () => 'now()' })
    .where('user_id = :userId AND used_at IS NULL', { userId: target.id })
    .execute();
  return (removed.affected ?? 0) > 0;
}

/**
 * The person whose MFA was reset must be told by email (someone else changed how their account
 * is protected). This records that the notice is owed, in the reset's transaction; the mail
 * sender reads these rows (action `mfa.reset_notice_owed`, entity the account) once email is
 * wired in.
 */
export async function oweMfaResetNotice(
  manager: EntityManager,
  target: MfaResetTarget,
  requestId: string | null,
): Promise<void> {
  await insertAuditRows(manager, [
    Object.assign(new AuditEvent(), {
      id: randomUUID(),
      occurredAt: new Date(),
      userId: null,
      role: null,
      clinicId: target.clinicId,
      clientId: null,
      action: 'mfa.reset_notice_owed',
      entityType: 'user',
      entityId: target.id,
      outcome: 'success',
      requestId,
      ip: null,
      detail: null,
    }),
  ]);
}
