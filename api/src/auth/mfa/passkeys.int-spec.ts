import {
  type AccessTokenResponse,
  type MfaChallengeResponse,
  type PasskeySummary,
  type StaffSecurityView,
} from '@cairn/contracts';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import type { Clinic } from '../../clinics/entities/clinic.entity';
import type { User } from '../../users/entities/user.entity';
import { as, createClinic, createUser, signIn, TEST_PASSWORD } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { PasskeyCredential } from './entities/passkey-credential.entity';

/** Just enough CBOR (RFC 8949) for WebAuthn: unsigned/negative ints, bytes, text, maps. */
function cbor(value: unknown): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (Buffer.isBuffer(value)) return Buffer.concat([head(2, value.length), value]);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Map) {
    const parts = [head(5, value.size)];
    for (const [k, v] of value) parts.push(cbor(k), cbor(v));
    return Buffer.concat(parts);
  }
  throw new Error('cbor: unsupported value');
}

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/**
 * A software authenticator: one ES256 key pair, 'none' attestation, a counter that goes up with
 * every assertion. It answers the options the server sent, for the origin it is told it is on.
 */
class SoftAuthenticator {
  readonly credentialId = sha256(`cred-${Math.random()}`);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  counter = 0;

  constructor() {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicJwk = pair.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  register(options: { challenge: string; rp: { id: string } }, origin: string) {
    const coseKey = cbor(
      new Map<number, unknown>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(this.publicJwk.x, 'base64url')],
        [-3, Buffer.from(this.publicJwk.y, 'base64url')],
      ]),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id),
      Buffer.from([0x41]), // user present, attested credential data included
      Buffer.alloc(4), // counter 0
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      coseKey,
    ]);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
    };
  }

  assert(options: { challenge: string; rpId: string }, origin: string, signWith?: KeyObject) {
    this.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    const authenticatorData = Buffer.concat([sha256(options.rpId), Buffer.from([0x01]), counter]);
    const clientData = JSON.stringify({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin,
      crossOrigin: false,
    });
    const signature = sign(
      'sha256',
      Buffer.concat([authenticatorData, sha256(clientData)]),
      signWith ?? this.privateKey,
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authenticatorData),
        signature: b64url(signature),
      },
      clientExtensionResults: {},
    };
  }
}

describe('Passkeys as the second sign-in step', () => {
  let test: TestApp;
  let clinic: Clinic;
  let origin: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    origin = new URL(test.config.publicUrl).origin;
  });
  afterAll(async () => {
    await test?.close();
  });

  const storedFor = (user: User) =>
    test.dataSource.manager.find(PasskeyCredential, { where: { userId: user.id } });

  /** Registers a new software passkey from the account page; answers the authenticator. */
  async function registerPasskey(user: User, name = 'Work laptop') {
    const { token } = await signIn(test, user.email);
    const authenticator = new SoftAuthenticator();
    const options = (await as(test, token).post('/api/account/mfa/passkeys/options').expect(200))
      .body as { challenge: string; rp: { id: string } };
    const added = await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({ name, credential: authenticator.register(options, origin) })
      .expect(201);
    return { authenticator, token, added: added.body as PasskeySummary };
  }

  async function challengeFor(user: User): Promise<MfaChallengeResponse> {
    const response = await test.http
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    return response.body as MfaChallengeResponse;
  }

  async function assertionOptions(challengeToken: string) {
    return (
      await test.http.post('/api/auth/mfa/passkey/options').send({ challengeToken }).expect(200)
    ).body as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
  }

  it('registers a passkey from the account page and lists it', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { token, added, authenticator } = await registerPasskey(therapist);
    expect(added.name).toBe('Work laptop');

    const stored = await storedFor(therapist);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      clinicId: clinic.id,
      credentialId: b64url(authenticator.credentialId),
      counter: '0',
      transports: ['internal'],
    });
    expect(stored[0].publicKey.length).toBeGreaterThan(60);

    const listed = (await as(test, token).get('/api/account/mfa/passkeys').expect(200))
      .body as PasskeySummary[];
    expect(listed).toEqual([
      { id: added.id, name: 'Work laptop', createdAt: expect.any(String), lastUsedAt: null },
    ]);
    const audit = await test.dataSource.manager.find(AuditEvent, {
      where: { action: 'mfa.passkey_registered', entityId: therapist.id },
    });
    expect(audit).toHaveLength(1);
  });

  it("counts a passkey as the second step on the admin's staff security page", async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const admin = await createUser(test.dataSource, clinic, 'admin');
    const { token: adminToken } = await signIn(test, admin.email);
    const member = async () =>
      (
        (await as(test, adminToken).get('/api/staff-security').expect(200))
          .body as StaffSecurityView
      ).staff.find((row) => row.id === therapist.id);
    expect(await member()).toMatchObject({ mfaEnabled: false, passkeys: 0 });
    await registerPasskey(therapist, 'Phone');
    expect(await member()).toMatchObject({
      mfaEnabled: true,
      authenticatorApp: false,
      passkeys: 1,
    });
  });

  it('signs in with the passkey as the second step, and refuses the same assertion replayed', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { authenticator } = await registerPasskey(therapist);

    const challenge = await challengeFor(therapist);
    expect(challenge.mfa).toBe('verify');
    const options = await assertionOptions(challenge.challengeToken);
    expect(options.rpId).toBe(new URL(test.config.publicUrl).hostname);
    expect(options.allowCredentials.map((c) => c.id)).toEqual([b64url(authenticator.credentialId)]);
    const assertion = authenticator.assert(options, origin);
    const signedIn = await test.http
      .post('/api/auth/mfa/passkey')
      .send({ challengeToken: challenge.challengeToken, credential: assertion })
      .expect(200);
    const access = (signedIn.body as AccessTokenResponse).accessToken;
    await as(test, access).get('/api/account/mfa').expect(200);
    expect(signedIn.headers['set-cookie']).toBeDefined();
    const [afterUse] = await storedFor(therapist);
    expect(afterUse.counter).toBe('1');
    expect(afterUse.lastUsedAt).not.toBeNull();

    // The very same response again: its challenge is spent.
    const replayed = await test.http
      .post('/api/auth/mfa/passkey')
      .send({ challengeToken: challenge.challengeToken, credential: assertion })
      .expect(401);
    expect(replayed.body).not.toHaveProperty('accessToken');

    // Replayed against a fresh challenge: the signed challenge does not match.
    const fresh = await challengeFor(therapist);
    await test.http
      .post('/api/auth/mfa/passkey')
      .send({ challengeToken: fresh.challengeToken, credential: assertion })
      .expect(401);
    const [afterReplay] = await storedFor(therapist);
    expect(afterReplay.counter).toBe('1');

    // The fresh challenge still works with a genuine assertion.
    await test.http
      .post('/api/auth/mfa/passkey')
      .send({
        challengeToken: fresh.challengeToken,
        credential: authenticator.assert(await assertionOptions(fresh.challengeToken), origin),
      })
      .expect(200);
  });

  it('refuses forged assertions, counts them toward the second-step lock', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { authenticator } = await registerPasskey(therapist);
    const impostorKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

    for (let attempt = 0; attempt < 5; attempt += 1) {
      const challenge = await challengeFor(therapist);
      const options = await assertionOptions(challenge.challengeToken);
      const forged =
        attempt % 2 === 0
          ? authenticator.assert(options, origin, impostorKey)
          : authenticator.assert(options, 'https://cairn-login.example');
      const refused = await test.http
        .post('/api/auth/mfa/passkey')
        .send({ challengeToken: challenge.challengeToken, credential: forged });
      expect(refused.status).toBe(attempt < 4 ? 401 : 429);
    }
    // Locked: even a genuine assertion is refused now, and nothing moved.
    const challenge = await challengeFor(therapist);
    const options = await assertionOptions(challenge.challengeToken);
    await test.http
      .post('/api/auth/mfa/passkey')
      .send({
        challengeToken: challenge.challengeToken,
        credential: authenticator.assert(options, origin),
      })
      .expect(429);
    const [stored] = await storedFor(therapist);
    expect(stored.counter).toBe('0');
    await test.http
      .post('/api/auth/mfa/passkey')
      .send({ challengeToken: challenge.challengeToken, credential: 'not an object' })
      .expect(400);
  });

  it('refuses a forged or replayed registration and stores nothing', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { token } = await signIn(test, therapist.email);
    const authenticator = new SoftAuthenticator();
    const options = (await as(test, token).post('/api/account/mfa/passkeys/options').expect(200))
      .body as { challenge: string; rp: { id: string } };

    const wrongOrigin = await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({ name: 'Phone', credential: authenticator.register(options, 'https://evil.example') })
      .expect(400);
    expect(JSON.stringify(wrongOrigin.body)).toContain('credential');
    const madeUp = await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({
        name: 'Phone',
        credential: authenticator.register({ ...options, challenge: b64url('made-up') }, origin),
      })
      .expect(400);
    expect(JSON.stringify(madeUp.body)).toContain('credential');
    await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({ name: '', credential: authenticator.register(options, origin) })
      .expect(400);
    expect(await storedFor(therapist)).toHaveLength(0);

    const genuine = authenticator.register(options, origin);
    await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({ name: 'Phone', credential: genuine })
      .expect(201);
    await as(test, token)
      .post('/api/account/mfa/passkeys')
      .send({ name: 'Phone again', credential: genuine })
      .expect(400);
    expect(await storedFor(therapist)).toHaveLength(1);
  });

  it('removes a passkey with the password; sign-in then needs no second step', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { token, added } = await registerPasskey(therapist);
    await as(test, token)
      .delete(`/api/account/mfa/passkeys/${added.id}`)
      .send({ password: 'not-the-password' })
      .expect(400);
    expect(await storedFor(therapist)).toHaveLength(1);

    const other = await createUser(test.dataSource, clinic, 'therapist');
    const { token: otherToken } = await signIn(test, other.email);
    await as(test, otherToken)
      .delete(`/api/account/mfa/passkeys/${added.id}`)
      .send({ password: TEST_PASSWORD })
      .expect(404);

    await as(test, token)
      .delete(`/api/account/mfa/passkeys/${added.id}`)
      .send({ password: TEST_PASSWORD })
      .expect(204);
    expect(await storedFor(therapist)).toHaveLength(0);
    const login = await test.http
      .post('/api/auth/login')
      .send({ email: therapist.email, password: TEST_PASSWORD })
      .expect(200);
    expect(login.body).toHaveProperty('accessToken');
  });
});
