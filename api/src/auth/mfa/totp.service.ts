import { ConflictException, Injectable } from '@nestjs/common';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS, type TotpSetupResponse } from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { FieldCipher } from '../../crypto/field-cipher';
import { sealContext } from '../../crypto/sealed-columns';
import type { User } from '../../users/entities/user.entity';
import { TotpCredential } from './entities/totp-credential.entity';

/** The name an authenticator app lists the account under: the product's, nothing clinical. */
export const TOTP_ISSUER = 'Cairn';

/** Codes from one step before or after are accepted too (clocks drift; typing takes time). */
const WINDOW_STEPS = 1;

/**
 * Authenticator-app codes (RFC 6238: SHA-1, six digits, 30 seconds, what every app supports).
 * The secret is sealed at rest and opened only to check a code. A code is accepted once: the
 * step it belongs to is remembered, and that step or an earlier one is refused afterwards.
 */
@Injectable()
export class TotpService {
  constructor(private readonly cipher: FieldCipher) {}

  async isEnabled(manager: EntityManager, userId: string): Promise<boolean> {
    return manager.existsBy(TotpCredential, { userId, confirmedAt: Not(IsNull()) });
  }

  /** A new secret for `user`, replacing one not yet confirmed. Refused while one is in use. */
  async startEnrolment(manager: EntityManager, user: User): Promise<TotpSetupResponse> {
    if (await this.isEnabled(manager, user.id)) {
      throw new ConflictException('An authenticator app is already set up for this account.');
    }
    await manager.delete(TotpCredential, { userId: user.id, confirmedAt: IsNull() });
    const secret = new Secret({ size: 20 });
    const id = randomUUID();
    const sealed = this.cipher.seal(secret.base32, sealContext('totp_credentials', id, 'secret'));
    await manager.insert(TotpCredential, {
      id,
      clinicId: user.clinicId,
      userId: user.id,
      secretKeyId: sealed.keyId,
      secretSealed: sealed.data,
      confirmedAt: null,
      lastUsedStep: null,
    });
    const otpauthUri = this.totp(secret, user.email).toString();
    return {
      secret: secret.base32,
      otpauthUri,
      qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2 }),
    };
  }

  /** Confirms a pending secret with a first code; answers whether the code was right. */
  async confirm(manager: EntityManager, user: User, code: string): Promise<boolean> {
    const credential = await this.locked(manager, user.id, false);
    if (!credential) return false;
    const step = this.check(credential, user.email, code);
    if (step === null) return false;
    await manager.update(
      TotpCredential,
      { id: credential.id },
      { confirmedAt: new Date(), lastUsedStep: String(step) },
    );
    return true;
  }

  /** Checks a sign-in code against the confirmed secret, spending its step. */
  async verify(manager: EntityManager, user: User, code: string): Promise<boolean> {
    const credential = await this.locked(manager, user.id, true);
    if (!credential) return false;
    const step = this.check(credential, user.email, code);
    if (step === null) return false;
    // A code already used (or one older than the last used) is refused: a code seen over a
    // shoulder or in a log cannot be replayed within its 30 seconds.
    if (credential.lastUsedStep !== null && step <= Number(credential.lastUsedStep)) return false;
    await manager.update(TotpCredential, { id: credential.id }, { lastUsedStep: String(step) });
    return true;
  }

  async remove(manager: EntityManager, userId: string): Promise<boolean> {
    const result = await manager.delete(TotpCredential, { userId });
    return (result.affected ?? 0) > 0;
  }

  /** The step a code belongs to, or null when it is not a current code of this secret. */
  private check(credential: TotpCredential, label: string, code: string): number | null {
    const normalised = code.replace(/\s+/g, '');
    if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normalised)) return null;
    const secret = Secret.fromBase32(
      this.cipher.open(
        { keyId: credential.secretKeyId, data: credential.secretSealed },
        sealContext('totp_credentials', credential.id, 'secret'),
      ),
    );
    const now = Date.now();
    const delta = this.totp(secret, label).validate({
      token: normalised,
      timestamp: now,
      window: WINDOW_STEPS,
    });
    if (delta === null) return null;
    return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
  }

  /** The row, locked for this transaction so two codes checked at once cannot both pass. */
  private locked(
    manager: EntityManager,
    userId: string,
    confirmed: boolean,
  ): Promise<TotpCredential | null> {
    return manager.findOne(TotpCredential, {
      where: { userId, confirmedAt: confirmed ? Not(IsNull()) : IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private totp(secret: Secret, label: string): TOTP {
    return new TOTP({
      issuer: TOTP_ISSUER,
      label,
      algorithm: 'SHA1',
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
      secret,
    });
  }
}
