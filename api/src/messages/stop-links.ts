import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A link that stops a client's reminders without signing in: the client's id and clinic, signed
 * with the app's secret. It names nobody and opens nothing else.
 */
export function stopToken(secret: string, clinicId: string, clientId: string): string {
  const body = Buffer.from(`${clinicId}.${clientId}`).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The clinic and client a token stops reminders for, or null when it is not one of ours. */
export function readStopToken(
  secret: string,
  token: string,
): { clinicId: string; clientId: string } | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [clinicId, clientId] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  const uuid = /^[0-9a-f-]{36}$/i;
  if (!clinicId || !clientId || !uuid.test(clinicId) || !uuid.test(clientId)) return null;
  return { clinicId, clientId };
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', `stop-link:${secret}`).update(body).digest('base64url');
}
