import { Injectable } from '@nestjs/common';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { ConcurrencyGate } from './concurrency-gate';

const KEY_LENGTH = 32;
/** scrypt with N=2^15, r=8: 32 MiB per hash, the OWASP password-storage minimum for scrypt. */
const COST = { logN: 15, r: 8, p: 1 };

/**
 * How many hashes run at once. scrypt runs on libuv's thread pool (four threads), so twenty
 * sign-ins at once would take every core, and every other request would wait for the CPU. One
 * core is left to the event loop: sign-ins queue for a fraction of a second instead, and a
 * clinician's next page does not.
 */
const HASHES_AT_ONCE = Math.max(1, availableParallelism() - 1);

const hashing = new ConcurrencyGate(HASHES_AT_ONCE);

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 128 * 2 ** logN * r * 2 };
  return hashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

/**
 * Memory-hard password hashing with Node's own scrypt (no native addon to compile). The stored
 * form names its parameters, so the cost can rise later without breaking old hashes.
 */
@Injectable()
export class PasswordHasher {
  private readonly dummyHash = this.hash('timing-equaliser-password');

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await derive(password, salt, COST.logN, COST.r, COST.p);
    return [
      'scrypt',
      COST.logN,
      COST.r,
      COST.p,
      salt.toString('base64'),
      key.toString('base64'),
    ].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, logN, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !expected) return false;
    const expectedKey = Buffer.from(expected, 'base64');
    const key = await derive(
      password,
      Buffer.from(salt, 'base64'),
      Number(logN),
      Number(r),
      Number(p),
    );
    return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
  }

  /** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    await this.verify(password, await this.dummyHash);
    return false;
  }
}
