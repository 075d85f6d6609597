import { addDays, todayIn, type RetentionReview } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const SENTENCE = 'She found the second phone in the glovebox and has not slept since.';
const ZONE = 'America/Chicago';

describe('Retention review', () => {
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let therapist: User;
  let adminToken: string;
  const files: Record<string, Client> = {};

  /** Moves every trace of a file's own row `years` back (and its timeline event with it). */
  const age = async (client: Client, years: number) => {
    await test.dataSource.query(
      `UPDATE clients SET updated_at = now() - make_interval(years => $2), created_at = now() - make_interval(years => $2) WHERE id = $1`,
      [client.id, years],
    );
  };
  const timeline = (client: Client, yearsAgo: number) =>
    test.dataSource.query(
      `INSERT INTO client_timeline_events (clinic_id, client_id, kind, occurred_on, note, created_by, created_at)
       VALUES ($5, $1, 'discovery', (now() - make_interval(years => $2))::date, $3, $4, now() - make_interval(years => $2))`,
      [client.id, yearsAgo, SENTENCE, therapist.id, clinic.id],
    );
  const appointment = (client: Client, yearsAgo: number, partner: Client | null = null) =>
    test.dataSource.query(
      `INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id,
                                 partner_client_id, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'completed', now() - make_interval(years => $4),
               now() - make_interval(years => $4) + interval '50 minutes', $5, $6, $7,
               now() - make_interval(years => $4), now() - make_interval(years => $4))`,
      [
        clinic.id,
        therapist.id,
        partner ? 'couples' : 'session',
        yearsAgo,
        client.id,
        partner?.id ?? null,
        admin.id,
      ],
    );

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { timeZone: ZONE });
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    adminToken = (await signIn(test, admin.email)).token;
    const make = async (key: string, overrides: Partial<Client>) => {
      files[key] = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        ...overrides,
      });
      return files[key];
    };

    // Past the period: discharged 9 years ago, a session and a timeline note from then.
    const old = await make('oldDischarged', { status: 'discharged', legalName: 'Ada Oldfield' });
    await appointment(old, 9);
    await timeline(old, 9);
    await age(old, 9);
    // Past the period, and a minor then (born 20 years ago, last seen 11 years ago).
    const minor = await make('oldMinor', {
      status: 'paused',
      legalName: 'Theo Young',
      dateOfBirth: addDays(todayIn(ZONE), -20 * 366),
    });
    await age(minor, 11);
    // Discharged long ago, but seen as a partner in couples work two years ago: still recent.
    const partnerOf = await make('partnerRecent', { status: 'active', legalName: 'Pat Recent' });
    const partner = await make('partnerOld', { status: 'discharged', legalName: 'Quinn Partner' });
    await appointment(partnerOf, 2, partner);
    await age(partner, 9);
    // Old but still active: never listed.
    await age(await make('oldActive', { status: 'active', legalName: 'Ava Active' }), 12);
    // Discharged three years ago: inside the period.
    await age(await make('recentDischarged', { status: 'discharged', legalName: 'Rae Recent' }), 3);
    // Another clinic's old file never shows.
    const other = await createClinic(test.dataSource, { name: 'Elsewhere' });
    const stranger = await createClient(test.dataSource, other, { status: 'discharged' });
    await age(stranger, 20);
  });
  afterAll(() => test.close());

  const review = (query = '') =>
    as(test, adminToken).get(`/api/retention/files${query}`).expect(200);

  it('lists the closed files of this clinic last active before the period, oldest first', async () => {
    const body = (await review()).body as RetentionReview;
    expect(body.retentionYears).toBe(7);
    expect(body.cutoffOn).toBe(`${Number(todayIn(ZONE).slice(0, 4)) - 7}${todayIn(ZONE).slice(4)}`);
    expect(body.total).toBe(2);
    expect(
      body.items.map((file) => [file.legalName, file.status, file.minorAtLastActivity]),
    ).toEqual([
      ['Theo Young', 'paused', true],
      ['Ada Oldfield', 'discharged', false],
    ]);
    const [, ada] = body.items;
    expect(ada?.clientId).toBe(files['oldDischarged']?.id);
    expect(ada?.preferredName).toBeNull();
    expect(ada?.primaryTherapist?.id).toBe(therapist.id);
    expect(ada?.lastActivityOn.slice(0, 4)).toBe(String(Number(todayIn(ZONE).slice(0, 4)) - 9));
  });

  it('holds nothing clinical: no note text, and only the fields of the contract', async () => {
    const response = await review();
    expect(response.text).not.toContain(SENTENCE);
    const body = response.body as RetentionReview;
    for (const file of body.items) {
      expect(Object.keys(file).sort()).toEqual(
        [
          'clientId',
          'dateOfBirth',
          'legalName',
          'preferredName',
          'lastActivityOn',
          'minorAtLastActivity',
          'primaryTherapist',
          'status',
        ].sort(),
      );
    }
  });

  it('pages', async () => {
    const first = (await review('?pageSize=1')).body as RetentionReview;
    const second = (await review('?pageSize=1&page=2')).body as RetentionReview;
    expect([first.items[0]?.legalName, second.items[0]?.legalName]).toEqual([
      'Theo Young',
      'Ada Oldfield',
    ]);
    expect(second.total).toBe(2);
    await as(test, adminToken).get('/api/retention/files?pageSize=500').expect(400);
  });

  it('follows the clinic period the admin sets, audited, and refuses one below six years', async () => {
    const policy = (years: unknown) =>
      as(test, adminToken).put('/api/retention/policy').send({ retentionYears: years });
    await policy(10).expect(200, { retentionYears: 10 });
    expect(((await review()).body as RetentionReview).items.map((file) => file.legalName)).toEqual([
      'Theo Young',
    ]);
    const refused = await policy(5).expect(400);
    expect(JSON.stringify(refused.body)).toContain(
      'retentionYears must be a whole number of years from 6',
    );
    await policy('seven').expect(400);
    await policy(7).expect(200);

    const events = await test.dataSource.query<
      { action: string; detail: Record<string, unknown> }[]
    >(
      `SELECT action, detail FROM audit_events WHERE clinic_id = $1 AND action LIKE 'retention.%' ORDER BY occurred_at, id`,
      [clinic.id],
    );
    expect(
      events
        .filter((event) => event.action === 'retention.policy_updated')
        .map((event) => event.detail),
    ).toEqual([
      { from: 7, to: 10 },
      { from: 10, to: 7 },
    ]);
    expect(
      events.some((event) => event.action === 'retention.reviewed' && event.detail['total'] === 2),
    ).toBe(true);
  });

  it('is for admins only: a therapist and a client are refused, and nothing changes', async () => {
    const therapistToken = (await signIn(test, therapist.email)).token;
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const clientToken = (await signIn(test, portalUser.email)).token;
    for (const token of [therapistToken, clientToken]) {
      await as(test, token).get('/api/retention/files').expect(403);
      await as(test, token).put('/api/retention/policy').send({ retentionYears: 50 }).expect(403);
    }
    await as(test, null).get('/api/retention/files').expect(401);
    const [row] = await test.dataSource.query<{ retention_years: number }[]>(
      `SELECT retention_years FROM clinics WHERE id = $1`,
      [clinic.id],
    );
    expect(row?.retention_years).toBe(7);
  });
});
