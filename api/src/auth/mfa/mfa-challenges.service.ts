import { Injectable } from '@nestjs/common';
import { MFA_CHALLENGE_MINUTES, type MfaChallengeResponse } from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { hashToken } from '../../crypto/token-hash';
import { Db } from '../../database/db.service';
import { PreAuthLookups } from '../../database/pre-auth-lookups';
import { User } from '../../users/entities/user.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';

export interface OpenChallenge {
  challenge: MfaChallenge;
  user: User;
}

/**
 * The step between a correct password and the second factor. The token is 256 random bits,
 * kept as its SHA-256, good for a few minutes and for one successful use; it opens nothing but
 * the second step.
 */
@Injectable()
export class MfaChallengesService {
  constructor(
    private readonly db: Db,
    private readonly lookups: PreAuthLookups,
  ) {}

  async create(
    manager: EntityManager,
    user: User,
    purpose: MfaChallengeResponse['mfa'],
  ): Promise<MfaChallengeResponse> {
    const token = randomBytes(32).toString('base64url');
    await manager.insert(MfaChallenge, {
      clinicId: user.clinicId,
      userId: user.id,
      tokenHash: hashToken(token),
      purpose,
      expiresAt: new Date(Date.now() + MFA_CHALLENGE_MINUTES * 60_000),
      usedAt: null,
    });
    return { mfa: purpose, challengeToken: token, expiresIn: MFA_CHALLENGE_MINUTES * 60 };
  }

  /**
   * The live challenge a token names, with its account, if it is of `purpose`, unused, unexpired
   * and the account still active; otherwise null (all alike to the caller).
   */
  async open(token: string, purpose: MfaChallenge['purpose']): Promise<OpenChallenge | null> {
    const owner = await this.lookups.mfaChallenge(hashToken(token));
    if (!owner) return null;
    return this.db.forClinic(owner.clinicId, async (manager) => {
      const challenge = await manager.findOneBy(MfaChallenge, { id: owner.id });
      if (
        !challenge ||
        challenge.purpose !== purpose ||
        challenge.usedAt !== null ||
        challenge.expiresAt.getTime() < Date.now()
      )
        return null;
      const user = await manager.findOneBy(User, { id: challenge.userId });
      return user?.isActive ? { challenge, user } : null;
    });
  }

  /** Spends the challenge; false when another request spent it first or it expired meanwhile. */
  async consume(manager: EntityManager, challengeId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(MfaChallenge)
      .set({ usedAt: () => 'now()' })
      .where('id = :challengeId AND used_at IS NULL AND expires_at > now()', { challengeId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
