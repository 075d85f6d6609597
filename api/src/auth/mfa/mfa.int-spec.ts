import {
  CSRF_HEADER,
  type AccessTokenResponse,
  type AccountSession,
  type MfaChallengeResponse,
  type MfaEnrolledResponse,
  type MyMfaStatus,
  type RecoveryCodesResponse,
  type StaffSecurityView,
  type TotpSetupResponse,
} from '@cairn/contracts';
import { Secret, TOTP } from 'otpauth';
import { AuditEvent } from '../../audit/entities/audit-event.entity';
import type { Clinic } from '../../clinics/entities/clinic.entity';
import type { User } from '../../users/entities/user.entity';
import {
  as,
  createClinic,
  createUser,
  refreshCookieOf,
  signIn,
  TEST_PASSWORD,
} from '../../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp-server';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { INDISCREET_WORDS } from '../../mail/mail-content';
import { TotpCredential } from './entities/totp-credential.entity';
import { resetMfaByEmail } from './operator-mfa-reset';

/** The code an authenticator app would show for `secret`, `stepsAhead` steps from now. */
function codeFor(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });
}

describe('MFA with an authenticator app', () => {
  let test: TestApp;
  let smtp: TestSmtpServer;
  let clinic: Clinic;
  let admin: User;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    test = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'no-reply@riverside.example' });
    clinic = await createClinic(test.dataSource);
    admin = await createUser(test.dataSource, clinic, 'admin');
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const password = (email: string) =>
    test.http.post('/api/auth/login').send({ email, password: TEST_PASSWORD });

  const auditOf = async (action: string, entityId?: string) =>
    test.dataSource.manager.find(AuditEvent, {
      where: { action, ...(entityId ? { entityId } : {}) },
    });

  /** Turns TOTP on from the account page; answers the secret and the recovery codes. */
  async function enrol(user: User): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { token } = await signIn(test, user.email);
    const setup = (await as(test, token).post('/api/account/mfa/totp').expect(200))
      .body as TotpSetupResponse;
    const confirmed = await as(test, token)
      .post('/api/account/mfa/totp/confirm')
      .send({ code: codeFor(setup.secret) })
      .expect(200);
    return {
      secret: setup.secret,
      recoveryCodes: (confirmed.body as RecoveryCodesResponse).recoveryCodes,
    };
  }

  async function challengeFor(user: User): Promise<MfaChallengeResponse> {
    const response = await password(user.email).expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    return response.body as MfaChallengeResponse;
  }

  it('enrols from the account page with a QR code and a confirming code, then signs in in two steps', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { token } = await signIn(test, therapist.email);
    const setup = (await as(test, token).post('/api/account/mfa/totp').expect(200))
      .body as TotpSetupResponse;
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Cairn:/);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    // The secret is sealed at rest: the database holds no trace of it in clear.
    const stored = await test.dataSource.manager.findOneByOrFail(TotpCredential, {
      userId: therapist.id,
    });
    expect(stored.secretSealed.toString('latin1')).not.toContain(setup.secret);

    await as(test, token)
      .post('/api/account/mfa/totp/confirm')
      .send({ code: codeFor(setup.secret, 10) })
      .expect(400);
    const firstCode = codeFor(setup.secret);
    const confirmed = await as(test, token)
      .post('/api/account/mfa/totp/confirm')
      .send({ code: firstCode })
      .expect(200);
    const codes = (confirmed.body as RecoveryCodesResponse).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const status = (await as(test, token).get('/api/account/mfa').expect(200)).body as MyMfaStatus;
    expect(status).toEqual({ totpEnabled: true, recoveryCodesLeft: 10, required: false });

    // The password alone now opens nothing: it answers a challenge, with no cookie and no token.
    const challenge = await challengeFor(therapist);
    expect(challenge.mfa).toBe('verify');
    expect(challenge.expiresIn).toBe(300);
    expect(challenge).not.toHaveProperty('accessToken');
    await test.http
      .get('/api/auth/me')
      .auth(challenge.challengeToken, { type: 'bearer' })
      .expect(401);

    // The code used to confirm cannot be replayed; the next one works.
    await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: challenge.challengeToken, code: firstCode })
      .expect(401);
    const verified = await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: challenge.challengeToken, code: codeFor(setup.secret, 1) })
      .expect(200);
    const body = verified.body as AccessTokenResponse;
    expect(body.user.id).toBe(therapist.id);
    refreshCookieOf(verified.headers['set-cookie']);
    await test.http.get('/api/auth/me').auth(body.accessToken, { type: 'bearer' }).expect(200);
    // The challenge is spent.
    await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: challenge.challengeToken, code: codeFor(setup.secret, 2) })
      .expect(401);
    expect(await auditOf('mfa.totp_enrolled', therapist.id)).toHaveLength(1);
  });

  it('accepts a recovery code once', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { recoveryCodes } = await enrol(therapist);
    const code = recoveryCodes[3] ?? '';

    const first = await challengeFor(therapist);
    const signedIn = await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: first.challengeToken, recoveryCode: code.toUpperCase() })
      .expect(200);
    const token = (signedIn.body as AccessTokenResponse).accessToken;
    expect(
      ((await as(test, token).get('/api/account/mfa')).body as MyMfaStatus).recoveryCodesLeft,
    ).toBe(9);

    const second = await challengeFor(therapist);
    const again = await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: second.challengeToken, recoveryCode: code })
      .expect(401);
    expect(again.body.message).toBe('That code is not correct.');
    expect(await auditOf('mfa.recovery_code_used', therapist.id)).toHaveLength(1);
  });

  it('locks the second step after five wrong codes, apart from the password, even for the right code', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const { secret } = await enrol(therapist);
    const challenge = await challengeFor(therapist);
    const verify = (code: string) =>
      test.http
        .post('/api/auth/mfa/verify')
        .send({ challengeToken: challenge.challengeToken, code });
    const statuses: number[] = [];
    for (const wrong of ['000000', '111111', '222222', '333333', '444444'])
      statuses.push((await verify(wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await verify(codeFor(secret, 1)).expect(429);
    expect(locked.body.message).toMatch(/Too many wrong codes/);
    expect(await auditOf('mfa.locked_out')).not.toHaveLength(0);
    // The password step is not locked by it: it still answers a challenge.
    await challengeFor(therapist);
  });

  it('answers malformed second steps with a 400 naming the field', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    await enrol(therapist);
    const challenge = await challengeFor(therapist);
    const both = await test.http
      .post('/api/auth/mfa/verify')
      .send({
        challengeToken: challenge.challengeToken,
        code: '123456',
        recoveryCode: 'abcde-fghjk',
      })
      .expect(400);
    expect(JSON.stringify(both.body)).toContain('code');
    const short = await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: challenge.challengeToken, code: '12' })
      .expect(400);
    expect(JSON.stringify(short.body)).toContain('code must be six digits');
    await test.http.post('/api/auth/mfa/verify').send({ code: '123456' }).expect(400);
    await test.http
      .post('/api/auth/mfa/verify')
      .send({ challengeToken: 'x'.repeat(43), code: '123456' })
      .expect(401);
  });

  describe('when the clinic requires MFA of staff', () => {
    let required: Clinic;
    let requiredAdmin: User;
    let adminSession: string;

    beforeAll(async () => {
      required = await createClinic(test.dataSource, { name: 'Lakeside Practice' });
      requiredAdmin = await createUser(test.dataSource, required, 'admin');
      const { secret } = await enrol(requiredAdmin);
      const challenge = await challengeFor(requiredAdmin);
      // The enrolment spent the current step; the next one signs in.
      const response = await test.http
        .post('/api/auth/mfa/verify')
        .send({ challengeToken: challenge.challengeToken, code: codeFor(secret, 1) })
        .expect(200);
      adminSession = (response.body as AccessTokenResponse).accessToken;
    });

    it('is set by an admin only, with a 400 naming a bad value', async () => {
      const therapist = await createUser(test.dataSource, required, 'therapist');
      const therapistSession = await signIn(test, therapist.email);
      await as(test, therapistSession.token)
        .put('/api/clinic/mfa-policy')
        .send({ requiredForStaff: true })
        .expect(403);
      const bad = await as(test, adminSession)
        .put('/api/clinic/mfa-policy')
        .send({ requiredForStaff: 'yes' })
        .expect(400);
      expect(JSON.stringify(bad.body)).toContain('requiredForStaff');
    });

    it('makes a staff member without MFA enrol at sign-in before anything opens', async () => {
      await as(test, adminSession)
        .put('/api/clinic/mfa-policy')
        .send({ requiredForStaff: true })
        .expect(200);
      expect(await auditOf('clinic.mfa_policy_changed', required.id)).toHaveLength(1);

      const therapist = await createUser(test.dataSource, required, 'therapist');
      const challenge = await challengeFor(therapist);
      expect(challenge.mfa).toBe('enrol');
      // An enrolment challenge is not a second step for a code, and not an access token.
      await test.http
        .post('/api/auth/mfa/verify')
        .send({ challengeToken: challenge.challengeToken, code: '123456' })
        .expect(401);
      await test.http
        .get('/api/clients')
        .auth(challenge.challengeToken, { type: 'bearer' })
        .expect(401);

      const setup = (
        await test.http
          .post('/api/auth/mfa/enrol')
          .send({ challengeToken: challenge.challengeToken })
          .expect(200)
      ).body as TotpSetupResponse;
      const enrolled = await test.http
        .post('/api/auth/mfa/enrol/confirm')
        .send({ challengeToken: challenge.challengeToken, code: codeFor(setup.secret) })
        .expect(200);
      const body = enrolled.body as MfaEnrolledResponse;
      expect(body.recoveryCodes).toHaveLength(10);
      refreshCookieOf(enrolled.headers['set-cookie']);
      const status = (await as(test, body.accessToken).get('/api/account/mfa').expect(200))
        .body as MyMfaStatus;
      expect(status).toMatchObject({ totpEnabled: true, required: true });
      // Staff cannot turn it off while the clinic requires it.
      await as(test, body.accessToken)
        .delete('/api/account/mfa/totp')
        .send({ password: TEST_PASSWORD })
        .expect(403);
      // Next time, the code is asked for.
      expect((await challengeFor(therapist)).mfa).toBe('verify');
    });

    it('does not ask it of portal clients', async () => {
      const client = await createUser(test.dataSource, required, 'client');
      const response = await password(client.email).expect(200);
      expect((response.body as AccessTokenResponse).accessToken).toBeDefined();
    });

    it("shows the admin who has MFA, and resets another person's only with the admin's password", async () => {
      const therapist = await createUser(test.dataSource, required, 'therapist');
      const challenge = await challengeFor(therapist);
      const setup = (
        await test.http
          .post('/api/auth/mfa/enrol')
          .send({ challengeToken: challenge.challengeToken })
          .expect(200)
      ).body as TotpSetupResponse;
      await test.http
        .post('/api/auth/mfa/enrol/confirm')
        .send({ challengeToken: challenge.challengeToken, code: codeFor(setup.secret) })
        .expect(200);

      const view = (await as(test, adminSession).get('/api/staff-security').expect(200))
        .body as StaffSecurityView;
      expect(view.requiredForStaff).toBe(true);
      expect(view.staff.find((member) => member.id === therapist.id)?.mfaEnabled).toBe(true);
      expect(view.staff.some((member) => member.role === 'client')).toBe(false);

      const wrong = await as(test, adminSession)
        .post(`/api/staff-security/${therapist.id}/mfa-reset`)
        .send({ password: 'not-the-password' })
        .expect(400);
      expect(JSON.stringify(wrong.body)).toContain('password');
      expect((await challengeFor(therapist)).mfa).toBe('verify');

      await as(test, adminSession)
        .post(`/api/staff-security/${therapist.id}/mfa-reset`)
        .send({ password: TEST_PASSWORD })
        .expect(204);
      expect(await auditOf('mfa.reset', therapist.id)).toHaveLength(1);
      // The person is told by email, discreetly, once the reset committed.
      const notice = await smtp.next(therapist.email);
      expect(notice.subject).toBe('Your sign-in protection was reset');
      expect(notice.text).toContain('set up an authenticator app again when you next sign in');
      // (The test account's own name, in the greeting, says "therapist".)
      for (const part of [notice.subject, notice.text, notice.html])
        expect(part.replaceAll(therapist.displayName, '')).not.toMatch(INDISCREET_WORDS);
      // The clinic still requires it: the next sign-in enrols afresh.
      expect((await challengeFor(therapist)).mfa).toBe('enrol');

      // Another clinic's staff member is not there to reset.
      const elsewhere = await createUser(test.dataSource, clinic, 'therapist');
      await as(test, adminSession)
        .post(`/api/staff-security/${elsewhere.id}/mfa-reset`)
        .send({ password: TEST_PASSWORD })
        .expect(404);
    });
  });

  describe("the operator's reset, for a clinic whose only admin is locked out", () => {
    it('removes the second step by email, audited in the clinic with no acting user', async () => {
      const lone = await createClinic(test.dataSource, { name: 'Hillside Rooms' });
      const onlyAdmin = await createUser(test.dataSource, lone, 'admin');
      await enrol(onlyAdmin);
      expect((await challengeFor(onlyAdmin)).mfa).toBe('verify');

      const reset = await resetMfaByEmail(
        test.config,
        test.database.ownerUrl,
        ` ${onlyAdmin.email.toUpperCase()} `,
      );
      expect(reset).toEqual({
        email: onlyAdmin.email,
        clinicName: 'Hillside Rooms',
        hadFactors: true,
        enrolAtSignIn: false,
      });
      const signedIn = await password(onlyAdmin.email).expect(200);
      expect((signedIn.body as AccessTokenResponse).accessToken).toBeDefined();
      const [event] = await auditOf('mfa.reset_by_operator', onlyAdmin.id);
      expect(event).toMatchObject({ clinicId: lone.id, userId: null });
      const notice = await smtp.next(onlyAdmin.email);
      expect(notice.subject).toBe('Your sign-in protection was reset');
      const [delivery] = await test.dataSource.query<{ outcome: string; clinic_id: string }[]>(
        `SELECT outcome, clinic_id FROM mail_deliveries WHERE recipient = $1 AND kind = 'mfa_reset'`,
        [onlyAdmin.email],
      );
      expect(delivery).toEqual({ outcome: 'sent', clinic_id: lone.id });

      await expect(
        resetMfaByEmail(test.config, test.database.ownerUrl, 'nobody@example.test'),
      ).rejects.toThrow('No account has the email nobody@example.test.');
    });
  });

  describe('sessions you can see', () => {
    it('lists the account’s sessions with device and address, and signs out the others', async () => {
      const therapist = await createUser(test.dataSource, clinic, 'therapist');
      const phone = await test.http
        .post('/api/auth/login')
        .set(
          'User-Agent',
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        )
        .send({ email: therapist.email, password: TEST_PASSWORD })
        .expect(200);
      const desk = await test.http
        .post('/api/auth/login')
        .set(
          'User-Agent',
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
        )
        .send({ email: therapist.email, password: TEST_PASSWORD })
        .expect(200);
      const deskToken = (desk.body as AccessTokenResponse).accessToken;
      const listed = (await as(test, deskToken).get('/api/account/sessions').expect(200))
        .body as AccountSession[];
      expect(listed.map((session) => [session.device, session.current]).sort()).toEqual([
        ['Firefox on Windows', true],
        ['Safari on iOS', false],
      ]);
      expect(listed[0]?.ip).toMatch(/127\.0\.0\.1|::1/);

      // Another person's session id is not theirs to end.
      const other = await signIn(test, admin.email);
      const othersSession = (
        (await as(test, other.token).get('/api/account/sessions')).body as AccountSession[]
      )[0];
      await as(test, deskToken)
        .delete(`/api/account/sessions/${othersSession?.id ?? ''}`)
        .expect(404);

      const ended = await as(test, deskToken).post('/api/account/sessions/others').expect(200);
      expect(ended.body).toEqual({ ended: 1 });
      await test.http
        .post('/api/auth/refresh')
        .set('Cookie', refreshCookieOf(phone.headers['set-cookie']))
        .set(CSRF_HEADER, '1')
        .expect(401);
      await as(test, deskToken).get('/api/auth/me').expect(200);
      expect(
        ((await as(test, deskToken).get('/api/account/sessions')).body as AccountSession[]).length,
      ).toBe(1);
    });
  });
});
