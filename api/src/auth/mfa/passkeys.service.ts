import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { MFA_CHALLENGE_MINUTES, type PasskeySummary, type WebAuthnJson } from '@cairn/contracts';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createHash } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { hashToken } from '../../crypto/token-hash';
import { FieldValidationException } from '../../http/api-exception.filter';
import type { User } from '../../users/entities/user.entity';
import { MfaChallenge } from './entities/mfa-challenge.entity';
import { PasskeyCredential } from './entities/passkey-credential.entity';

export const PASSKEY_REFUSED = 'That passkey could not be verified.';

/**
 * WebAuthn for the second sign-in step. The relying party is the address people use (PUBLIC_URL):
 * its host name is the RP ID and its origin the only origin accepted, so a look-alike site cannot
 * use a passkey made here. Every challenge is single-use: a registration's is an `mfa_challenges`
 * row spent when verified; a sign-in's is derived from the MFA challenge token, which is spent on
 * success, so an assertion replayed later names a challenge that no longer opens anything.
 */
@Injectable()
export class PasskeysService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get rpId(): string {
    return new URL(this.config.publicUrl).hostname;
  }

  private get origin(): string {
    return new URL(this.config.publicUrl).origin;
  }

  async list(manager: EntityManager, userId: string): Promise<PasskeySummary[]> {
    const rows = await manager.find(PasskeyCredential, {
      where: { userId },
      order: { createdAt: 'ASC' },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    }));
  }

  async count(manager: EntityManager, userId: string): Promise<number> {
    return manager.countBy(PasskeyCredential, { userId });
  }

  async registrationOptions(
    manager: EntityManager,
    user: User,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await manager.find(PasskeyCredential, { where: { userId: user.id } });
    const options = await generateRegistrationOptions({
      rpName: 'Cairn',
      rpID: this.rpId,
      userName: user.email,
      userDisplayName: user.email,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((row) => ({
        id: row.credentialId,
        transports: row.transports as AuthenticatorTransportFuture[],
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      timeout: MFA_CHALLENGE_MINUTES * 60_000,
    });
    await manager.insert(MfaChallenge, {
      clinicId: user.clinicId,
      userId: user.id,
      tokenHash: hashToken(options.challenge),
      purpose: 'passkey_register',
      expiresAt: new Date(Date.now() + MFA_CHALLENGE_MINUTES * 60_000),
      usedAt: null,
    });
    return options;
  }

  /**
   * Verifies an attestation against a pending registration challenge of this person and stores
   * the credential. A forged, foreign or replayed response is a 400 and stores nothing.
   */
  async register(
    manager: EntityManager,
    user: User,
    name: string,
    credential: WebAuthnJson,
  ): Promise<PasskeySummary> {
    const response = credential as unknown as RegistrationResponseJSON;
    const challenge = challengeOf(response);
    if (!challenge) throw refused();
    const spent = await manager
      .createQueryBuilder()
      .update(MfaChallenge)
      .set({ usedAt: () => 'now()' })
      .where(
        "token_hash = :hash AND user_id = :userId AND purpose = 'passkey_register' AND used_at IS NULL AND expires_at > now()",
        { hash: hashToken(challenge), userId: user.id },
      )
      .execute();
    if ((spent.affected ?? 0) === 0) throw refused();
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: false,
      });
    } catch {
      throw refused();
    }
    if (!verification.verified) throw refused();
    const { credential: made } = verification.registrationInfo;
    if (await manager.existsBy(PasskeyCredential, { credentialId: made.id })) {
      throw new BadRequestException('That passkey is already registered.');
    }
    const row = await manager.save(
      manager.create(PasskeyCredential, {
        clinicId: user.clinicId,
        userId: user.id,
        credentialId: made.id,
        publicKey: Buffer.from(made.publicKey),
        counter: String(made.counter),
        transports: made.transports ?? [],
        name,
        lastUsedAt: null,
      }),
    );
    return {
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: null,
    };
  }

  /** Options for answering the MFA challenge `challengeToken` with one of `user`'s passkeys. */
  async authenticationOptions(
    manager: EntityManager,
    user: User,
    challengeToken: string,
  ): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
    const rows = await manager.find(PasskeyCredential, { where: { userId: user.id } });
    if (rows.length === 0) return null;
    return generateAuthenticationOptions({
      rpID: this.rpId,
      challenge: signInChallenge(challengeToken),
      allowCredentials: rows.map((row) => ({
        id: row.credentialId,
        transports: row.transports as AuthenticatorTransportFuture[],
      })),
      userVerification: 'preferred',
      timeout: MFA_CHALLENGE_MINUTES * 60_000,
    });
  }

  /**
   * Whether `credential` is a valid assertion by one of `user`'s passkeys for the MFA challenge
   * `challengeToken`; on success the stored counter moves on. Never throws for a bad response.
   */
  async verifyAssertion(
    manager: EntityManager,
    user: User,
    challengeToken: string,
    credential: WebAuthnJson,
  ): Promise<boolean> {
    const response = credential as unknown as AuthenticationResponseJSON;
    if (typeof response?.id !== 'string') return false;
    const row = await manager.findOneBy(PasskeyCredential, {
      userId: user.id,
      credentialId: response.id,
    });
    if (!row) return false;
    try {
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: Buffer.from(signInChallenge(challengeToken)).toString('base64url'),
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        credential: {
          id: row.credentialId,
          publicKey: copyBytes(row.publicKey),
          counter: Number(row.counter),
          transports: row.transports as AuthenticatorTransportFuture[],
        },
        requireUserVerification: false,
      });
      if (!verification.verified) return false;
      // Conditional on the counter read, so two concurrent uses cannot both move it.
      const moved = await manager
        .createQueryBuilder()
        .update(PasskeyCredential)
        .set({
          counter: String(verification.authenticationInfo.newCounter),
          lastUsedAt: () => 'now()',
        })
        .where('id = :id AND counter = :counter', { id: row.id, counter: row.counter })
        .execute();
      return (moved.affected ?? 0) > 0;
    } catch {
      return false;
    }
  }

  async remove(manager: EntityManager, userId: string, id: string): Promise<void> {
    const removed = await manager.delete(PasskeyCredential, { id, userId });
    if ((removed.affected ?? 0) === 0) throw new NotFoundException('No such passkey.');
  }
}

/** The WebAuthn challenge for an MFA challenge: bound to that token, unknowable without it. */
function signInChallenge(challengeToken: string): Uint8Array<ArrayBuffer> {
  const digest = createHash('sha256').update(`cairn-passkey:${challengeToken}`).digest();
  const bytes = new Uint8Array(new ArrayBuffer(digest.length));
  bytes.set(digest);
  return bytes;
}

function copyBytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(buffer.length));
  bytes.set(buffer);
  return bytes;
}

/** The challenge a registration response claims to answer, read from its client data. */
function challengeOf(response: RegistrationResponseJSON): string | null {
  try {
    const clientData = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'),
    ) as { challenge?: unknown };
    return typeof clientData.challenge === 'string' && clientData.challenge.length <= 200
      ? clientData.challenge
      : null;
  } catch {
    return null;
  }
}

function refused(): FieldValidationException {
  return new FieldValidationException([{ field: 'credential', problems: [PASSKEY_REFUSED] }]);
}
