import { createHash } from 'node:crypto';

/**
 * How a secret token (refresh, invitation, calendar feed) is kept: only its SHA-256, so a
 * database leak hands out nothing usable. 256-bit random tokens need no salt or slow hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
