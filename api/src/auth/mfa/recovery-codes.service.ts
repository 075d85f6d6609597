import { Injectable } from '@nestjs/common';
import { RECOVERY_CODE_COUNT } from '@cairn/contracts';
import { randomInt } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { hashToken } from '../../crypto/token-hash';
import type { User } from '../../users/entities/user.entity';
import { RecoveryCode } from './entities/recovery-code.entity';

/** No 0/o, 1/l/i: a code copied from paper must not be misread. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 10;

/** Lower-case, separators dropped: "ABCDE-FGHJK" and "abcde fghjk" are the same code. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Ten one-time codes for when the phone is lost. Each is about 50 random bits, kept only as its
 * SHA-256 (they are random, not chosen, so a fast hash suffices; the second-step attempt limit
 * stops guessing). A new set replaces the old one whole.
 */
@Injectable()
export class RecoveryCodesService {
  async issue(manager: EntityManager, user: User): Promise<string[]> {
    await manager.delete(RecoveryCode, { userId: user.id });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateCode());
    await manager.insert(
      RecoveryCode,
      codes.map((code) => ({
        clinicId: user.clinicId,
        userId: user.id,
        codeHash: hashToken(normaliseRecoveryCode(code)),
        usedAt: null,
      })),
    );
    return codes;
  }

  /** Spends a code if it is one of the account's unused ones; one statement, so it works once. */
  async use(manager: EntityManager, userId: string, code: string): Promise<boolean> {
    const normalised = normaliseRecoveryCode(code);
    if (normalised.length !== CODE_LENGTH) return false;
    const result = await manager
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', {
        userId,
        hash: hashToken(normalised),
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  remaining(manager: EntityManager, userId: string): Promise<number> {
    return manager.countBy(RecoveryCode, { userId, usedAt: IsNull() });
  }

  async remove(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(RecoveryCode, { userId });
  }
}

function generateCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
