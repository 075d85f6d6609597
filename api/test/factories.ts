import type { AccessTokenResponse, Role } from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../src/auth/password-hasher';
import { FieldCipher } from '../src/crypto/field-cipher';
import { dataSourceTransactions, sealClearValues } from '../src/crypto/resealing';
import { Client } from '../src/clients/entities/client.entity';
import { Clinic } from '../src/clinics/entities/clinic.entity';
import { syncHomeworkLibrary } from '../src/homework/homework-templates.service';
import { User } from '../src/users/entities/user.entity';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'test-password-1234';
const hasher = new PasswordHasher();
let testPasswordHash: Promise<string> | undefined;

/** A clinic as `clinic:create` makes one: with the homework library in step. */
export async function createClinic(
  dataSource: DataSource,
  overrides: Partial<Clinic> = {},
): Promise<Clinic> {
  const clinic = await dataSource.manager.save(
    dataSource.manager.create(Clinic, {
      name: 'Riverside Counselling',
      timeZone: 'America/Chicago',
      ...overrides,
    }),
  );
  await syncHomeworkLibrary(dataSource.manager, clinic.id);
  return clinic;
}

export async function createUser(
  dataSource: DataSource,
  clinic: Clinic,
  role: Role,
  overrides: Partial<User> = {},
): Promise<User> {
  testPasswordHash ??= hasher.hash(TEST_PASSWORD);
  const tag = randomBytes(4).toString('hex');
  return dataSource.manager.save(
    dataSource.manager.create(User, {
      clinicId: clinic.id,
      email: `${role}-${tag}@example.test`,
      displayName: `Test ${role} ${tag}`,
      role,
      passwordHash: await testPasswordHash,
      isActive: true,
      passwordChangedAt: null,
      ...overrides,
    }),
  );
}

export interface SignedInUser {
  token: string;
  refreshCookie: string;
  body: AccessTokenResponse;
}

/** Signs in over HTTP like the client does; returns the bearer token and the refresh cookie. */
export async function signIn(
  test: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedInUser> {
  const response = await test.http.post('/api/auth/login').send({ email, password }).expect(200);
  return {
    token: (response.body as AccessTokenResponse).accessToken,
    refreshCookie: refreshCookieOf(response.headers['set-cookie']),
    body: response.body as AccessTokenResponse,
  };
}

/** The `cairn_refresh=...` pair from a Set-Cookie header, ready to send back as a Cookie header. */
export function refreshCookieOf(setCookie: string | string[] | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = cookies.find((cookie) => cookie.startsWith('cairn_refresh='));
  if (!found) throw new Error(`No refresh cookie in ${JSON.stringify(cookies)}`);
  return found.split(';')[0] ?? '';
}

export function createClient(
  dataSource: DataSource,
  clinic: Clinic,
  overrides: Partial<Client> = {},
): Promise<Client> {
  const tag = randomBytes(3).toString('hex');
  return dataSource.manager.save(
    dataSource.manager.create(Client, {
      clinicId: clinic.id,
      legalName: `Client ${tag}`,
      preferredName: null,
      status: 'active',
      primaryTherapistId: null,
      portalUserId: null,
      partnerId: null,
      email: `client-${tag}@example.test`,
      ...overrides,
    }),
  );
}

/** Sends a request as a signed-in user (or anonymously with `null`). */
export function as(test: TestApp, token: string | null) {
  const withAuth = <T extends { auth(token: string, options: { type: 'bearer' }): T }>(
    request: T,
  ): T => (token ? request.auth(token, { type: 'bearer' }) : request);
  return {
    get: (path: string) => withAuth(test.http.get(path)),
    post: (path: string) => withAuth(test.http.post(path)),
    put: (path: string) => withAuth(test.http.put(path)),
    patch: (path: string) => withAuth(test.http.patch(path)),
    delete: (path: string) => withAuth(test.http.delete(path)),
  };
}

/**
 * Seals rows a test wrote in clear with plain SQL (as an older database holds them), through the
 * start-up sealing step, so they read back as the app would find them after an upgrade.
 */
export async function sealClearRows(test: TestApp): Promise<void> {
  await sealClearValues(dataSourceTransactions(test.dataSource), test.app.get(FieldCipher));
}
