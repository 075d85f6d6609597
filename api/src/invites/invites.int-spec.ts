import type {
  AccessTokenResponse,
  ClientSelfProfile,
  PortalInvite,
  StaffCreated,
  StaffMember,
} from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { AccountInvite } from './entities/account-invite.entity';

const tokenOf = (invite: PortalInvite) => new URL(invite.inviteUrl).hash.replace('#invite=', '');
const UNUSABLE =
  'This invitation link has expired or was already used. Ask the clinic for a new one.';

describe('Invitations, the portal account and staff', () => {
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let therapist: User;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp({ PUBLIC_URL: 'https://cairn.example.org/' });
    clinic = await createClinic(test.dataSource);
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    adminToken = (await signIn(test, admin.email)).token;
  });
  afterAll(() => test.close());

  const asAdmin = () => as(test, adminToken);
  const accept = (token: string, password = 'my own long passphrase') =>
    test.http.post('/api/auth/accept-invite').send({ token, password });

  describe('the client portal', () => {
    it('invites a client with a one-time link; the client sets a password, is signed in, and sees only their profile', async () => {
      const client = await createClient(test.dataSource, clinic, {
        legalName: 'Jordan Rivera',
        email: 'Jordan.Rivera@Example.net',
        primaryTherapistId: therapist.id,
      });
      const invite = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      expect(invite.inviteUrl).toMatch(
        /^https:\/\/cairn\.example\.org\/welcome#invite=[A-Za-z0-9_-]{40,}$/,
      );
      expect(invite.email).toBe('jordan.rivera@example.net');
      const hoursValid = (Date.parse(invite.expiresAt) - Date.now()) / 3_600_000;
      expect(hoursValid).toBeGreaterThan(71.9);
      expect(hoursValid).toBeLessThanOrEqual(72);

      const file = (await asAdmin().get(`/api/clients/${client.id}`)).body as {
        portalStatus: string;
      };
      expect(file.portalStatus).toBe('invited');
      // The secret is stored only as a hash.
      const stored = await test.dataSource.manager.find(AccountInvite);
      expect(JSON.stringify(stored)).not.toContain(tokenOf(invite));

      const signedIn = (await accept(tokenOf(invite)).expect(200)).body as AccessTokenResponse;
      expect(signedIn.user).toMatchObject({ role: 'client', email: 'jordan.rivera@example.net' });

      const me = (await as(test, signedIn.accessToken).get('/api/me').expect(200))
        .body as ClientSelfProfile;
      expect(me).toEqual({
        id: client.id,
        legalName: 'Jordan Rivera',
        preferredName: null,
        pronouns: null,
        email: 'Jordan.Rivera@Example.net',
        phone: null,
        clinicName: clinic.name,
        therapist: { displayName: therapist.displayName },
      });
      await as(test, signedIn.accessToken).get(`/api/clients/${client.id}`).expect(403);
      await signIn(test, 'jordan.rivera@example.net', 'my own long passphrase');
      expect(
        ((await asAdmin().get(`/api/clients/${client.id}`)).body as { portalStatus: string })
          .portalStatus,
      ).toBe('active');
    });

    it('refuses a link used twice, a replaced link and an expired link, all alike', async () => {
      const client = await createClient(test.dataSource, clinic);
      const first = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      const second = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      expect((await accept(tokenOf(first)).expect(400)).body.message).toBe(UNUSABLE);

      await test.dataSource.query(
        `UPDATE account_invites SET expires_at = now() - interval '1 minute' WHERE revoked_at IS NULL AND used_at IS NULL`,
      );
      expect((await accept(tokenOf(second)).expect(400)).body.message).toBe(UNUSABLE);

      const third = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      await accept(tokenOf(third)).expect(200);
      expect(
        (await accept(tokenOf(third), 'another long passphrase').expect(400)).body.message,
      ).toBe(UNUSABLE);
    });

    it('names a weak password or a malformed token, and keeps the link usable', async () => {
      const client = await createClient(test.dataSource, clinic);
      const invite = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      const weak = await accept(tokenOf(invite), 'short').expect(400);
      expect(weak.body.fields).toEqual([
        { field: 'password', problems: ['password must be at least 12 characters'] },
      ]);
      const malformed = await accept('not a token!').expect(400);
      expect(malformed.body.fields[0].field).toBe('token');
      await accept(tokenOf(invite)).expect(200);
    });

    it('needs an email on the file, refuses discharged clients, and will not reinvite an active account', async () => {
      const noEmail = await createClient(test.dataSource, clinic, { email: null });
      const missing = await asAdmin().post(`/api/clients/${noEmail.id}/portal-invite`).expect(400);
      expect(missing.body.fields[0].field).toBe('email');

      const discharged = await createClient(test.dataSource, clinic, { status: 'discharged' });
      await asAdmin().post(`/api/clients/${discharged.id}/portal-invite`).expect(409);

      const client = await createClient(test.dataSource, clinic);
      const invite = (await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(201))
        .body as PortalInvite;
      await accept(tokenOf(invite)).expect(200);
      const again = await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(409);
      expect(again.body.message).toBe('This client already has a portal account.');
    });

    it('refuses an email that another account already signs in with', async () => {
      const client = await createClient(test.dataSource, clinic, { email: therapist.email });
      const response = await asAdmin().post(`/api/clients/${client.id}/portal-invite`).expect(400);
      expect(response.body.fields).toEqual([
        { field: 'email', problems: ['another account already uses this email address'] },
      ]);
    });

    it('answers /api/me only for clients', async () => {
      const therapistToken = (await signIn(test, therapist.email)).token;
      await as(test, therapistToken).get('/api/me').expect(403);
    });
  });

  describe('staff accounts', () => {
    it('creates a therapist with an invitation; they set a password and sign in', async () => {
      const created = (
        await asAdmin()
          .post('/api/staff')
          .send({
            email: 'R.Ahmed@Clinic.example',
            displayName: 'Dr. Rana Ahmed',
            role: 'therapist',
          })
          .expect(201)
      ).body as StaffCreated;
      expect(created.member).toMatchObject({
        email: 'r.ahmed@clinic.example',
        role: 'therapist',
        isActive: true,
        hasSignedIn: false,
        caseloadSize: 0,
      });
      const signedIn = (await accept(tokenOf(created.invite)).expect(200))
        .body as AccessTokenResponse;
      expect(signedIn.user.role).toBe('therapist');

      const list = (await asAdmin().get('/api/staff').expect(200)).body as StaffMember[];
      expect(list.find((member) => member.id === created.member.id)).toMatchObject({
        hasSignedIn: true,
      });
    });

    it('refuses a duplicate email, a client role and unknown fields, storing nothing', async () => {
      const before = (await asAdmin().get('/api/staff')).body as StaffMember[];
      const duplicate = await asAdmin()
        .post('/api/staff')
        .send({ email: therapist.email, displayName: 'Twin', role: 'therapist' })
        .expect(400);
      expect(duplicate.body.fields[0].field).toBe('email');
      const wrongRole = await asAdmin()
        .post('/api/staff')
        .send({ email: 'x@example.test', displayName: 'X', role: 'client' })
        .expect(400);
      expect(wrongRole.body.fields[0].field).toBe('role');
      await asAdmin()
        .post('/api/staff')
        .send({
          email: 'y@example.test',
          displayName: 'Y',
          role: 'admin',
          isActive: false,
          clinicId: clinic.id,
        })
        .expect(400);
      expect(((await asAdmin().get('/api/staff')).body as StaffMember[]).length).toBe(
        before.length,
      );
    });

    it('deactivates a therapist: their sessions end, they cannot sign in, and reactivation restores sign-in', async () => {
      const leaving = await createUser(test.dataSource, clinic, 'therapist');
      const session = await signIn(test, leaving.email);
      await asAdmin().patch(`/api/staff/${leaving.id}`).send({ isActive: false }).expect(200);
      await as(test, session.token).get('/api/auth/me').expect(401);
      await test.http
        .post('/api/auth/login')
        .send({ email: leaving.email, password: 'test-password-1234' })
        .expect(401);

      await asAdmin().patch(`/api/staff/${leaving.id}`).send({ isActive: true }).expect(200);
      await signIn(test, leaving.email);
      const actions = await test.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
        [leaving.id],
      );
      expect(actions.map((row) => row.action)).toEqual(['staff.deactivated', 'staff.reactivated']);
    });

    it('will not let an admin deactivate themselves', async () => {
      await asAdmin().patch(`/api/staff/${admin.id}`).send({ isActive: false }).expect(409);
    });

    it('re-invites only someone who has not set a password (nobody sets a password for another)', async () => {
      const created = (
        await asAdmin()
          .post('/api/staff')
          .send({ email: 'late@example.test', displayName: 'Late Starter', role: 'admin' })
          .expect(201)
      ).body as StaffCreated;
      const fresh = (await asAdmin().post(`/api/staff/${created.member.id}/invite`).expect(201))
        .body as StaffCreated;
      await accept(tokenOf(created.invite)).expect(400);
      await accept(tokenOf(fresh.invite)).expect(200);
      await asAdmin().post(`/api/staff/${created.member.id}/invite`).expect(409);
      await asAdmin().post(`/api/staff/${therapist.id}/invite`).expect(409);
    });

    it("cannot reach another clinic's staff, and only admins manage staff", async () => {
      const elsewhere = await createClinic(test.dataSource, { name: 'Other Practice' });
      const stranger = await createUser(test.dataSource, elsewhere, 'therapist');
      await asAdmin().patch(`/api/staff/${stranger.id}`).send({ isActive: false }).expect(404);
      const therapistToken = (await signIn(test, therapist.email)).token;
      await as(test, therapistToken).get('/api/staff').expect(403);
    });
  });
});
