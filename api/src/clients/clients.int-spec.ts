import type { ApiErrorBody, ClientDetail, ClientPage } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { Client } from './entities/client.entity';

const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

describe('Client files', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let colleague: User;
  let adminToken: string;
  let therapistToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    const admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    colleague = await createUser(test.dataSource, clinic, 'therapist');
    adminToken = (await signIn(test, admin.email)).token;
    therapistToken = (await signIn(test, therapist.email)).token;
  });
  afterAll(() => test.close());

  const admin = () => as(test, adminToken);
  const mine = () => as(test, therapistToken);
  const countRows = async (table: string) =>
    Number(
      (await test.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]?.n,
    );

  describe('creating and editing', () => {
    it('lets the admin open a file with every demographic field, assigned to a therapist', async () => {
      const response = await admin()
        .post('/api/clients')
        .send({
          legalName: '  Siobhán O’Brien ',
          preferredName: 'Shiv',
          pronouns: 'she/her',
          dateOfBirth: '1985-02-28',
          email: 'shiv@example.net',
          phone: '+1 (312) 555-0199',
          emergencyContact: {
            name: 'Aoife Kelly',
            relationship: 'sister',
            phone: '+1 312 555 0142',
          },
          referralSource: 'GP referral',
          intakeDate: '2026-11-02',
          status: 'active',
          primaryTherapistId: therapist.id,
        })
        .expect(201);
      const body = response.body as ClientDetail;
      expect(body).toMatchObject({
        legalName: 'Siobhán O’Brien',
        displayName: 'Shiv',
        emergencyContact: { name: 'Aoife Kelly', relationship: 'sister', phone: '+1 312 555 0142' },
        primaryTherapist: { id: therapist.id, isActive: true },
        status: 'active',
        portalStatus: 'none',
        needsReassignment: false,
        partner: null,
      });
      expect(body).not.toHaveProperty('clinical');
      const audit = await test.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1`,
        [body.id],
      );
      expect(audit.map((row) => row.action)).toEqual(['client.created']);
    });

    it("stores names with quotes and markup exactly as typed (O'Brien is a name, <img> is text)", async () => {
      const names = [
        "Liam O'Brien",
        '<img src=x onerror=alert(1)>',
        'Nguyễn Thị Lan',
        '王芳',
        'Back\\slash 100%_',
      ];
      for (const legalName of names) {
        const created = (await admin().post('/api/clients').send({ legalName }).expect(201))
          .body as ClientDetail;
        const read = (await admin().get(`/api/clients/${created.id}`).expect(200))
          .body as ClientDetail;
        expect(read.legalName).toBe(legalName);
      }
    });

    it('starts a file as a prospect with nobody assigned, flagged as needing a therapist', async () => {
      const body = (
        await admin().post('/api/clients').send({ legalName: 'New Enquiry' }).expect(201)
      ).body as ClientDetail;
      expect(body).toMatchObject({
        status: 'prospect',
        primaryTherapist: null,
        needsReassignment: true,
      });
    });

    it('updates only the fields sent, and clears a field sent as null', async () => {
      const client = await createClient(test.dataSource, clinic, {
        pronouns: 'he/him',
        phone: '+1 555 0100',
      });
      const body = (
        await admin()
          .patch(`/api/clients/${client.id}`)
          .send({ phone: null, status: 'paused' })
          .expect(200)
      ).body as ClientDetail;
      expect(body).toMatchObject({ pronouns: 'he/him', phone: null, status: 'paused' });
    });

    it('never removes a file: there is no delete, a client is discharged', async () => {
      const client = await createClient(test.dataSource, clinic);
      await admin().delete(`/api/clients/${client.id}`).expect(404);
      await admin().patch(`/api/clients/${client.id}`).send({ status: 'discharged' }).expect(200);
      expect(await test.dataSource.manager.findOneBy(Client, { id: client.id })).toMatchObject({
        status: 'discharged',
      });
    });
  });

  describe('bad input is refused with the field named, and nothing is stored', () => {
    it.each([
      [{ legalName: '' }, ['legalName']],
      [{ legalName: 'A', dateOfBirth: '2999-01-01' }, ['dateOfBirth']],
      [{ legalName: 'A', dateOfBirth: '2026-02-30' }, ['dateOfBirth']],
      [{ legalName: 'A', email: 'not-an-email' }, ['email']],
      [{ legalName: 'A', phone: 'call me maybe' }, ['phone']],
      [{ legalName: 'A', status: 'archived' }, ['status']],
      [{ legalName: 'A', emergencyContact: { name: 'Kim' } }, ['emergencyContact.phone']],
      [{ legalName: 'A', clinicId: '6a1c2b3d-0000-4000-8000-000000000000' }, ['clinicId']],
      [{ legalName: 'x'.repeat(201) }, ['legalName']],
    ])('%j', async (body, fields) => {
      const before = await countRows('clients');
      const response = await admin().post('/api/clients').send(body).expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
      expect(await countRows('clients')).toBe(before);
    });

    it('refuses an unknown or deactivated therapist, naming the field', async () => {
      const before = await countRows('clients');
      const unknown = await admin()
        .post('/api/clients')
        .send({ legalName: 'A', primaryTherapistId: '6a1c2b3d-0000-4000-8000-000000000000' })
        .expect(400);
      expect(unknown.body.fields).toEqual([
        {
          field: 'primaryTherapistId',
          problems: ['primaryTherapistId does not name a therapist of this clinic'],
        },
      ]);
      const former = await createUser(test.dataSource, clinic, 'therapist', { isActive: false });
      const inactive = await admin()
        .post('/api/clients')
        .send({ legalName: 'A', primaryTherapistId: former.id })
        .expect(400);
      expect(inactive.body.fields[0].problems[0]).toMatch(/deactivated/);
      expect(await countRows('clients')).toBe(before);
    });

    it('refuses a malformed id in the path with a 400', async () => {
      const response = await admin().get('/api/clients/not-a-uuid').expect(400);
      expect(fieldsOf(response.body)).toEqual(['id']);
    });
  });

  describe('clinical content', () => {
    const concern = 'Panic when her partner is late; checks his location several times a day.';

    it('shows the treating therapist the intake, and never the admin (not even in the body)', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await mine()
        .patch(`/api/clients/${client.id}`)
        .send({
          intake: {
            presentingConcerns: concern,
            relationshipStatus: 'deciding',
            disclosureStatus: 'discovered',
            history: {
              foundationalBetrayal: { kinds: ['infidelity_current'], note: 'Two-year affair.' },
              attachmentStyle: { style: 'anxious', note: null },
            },
          },
        })
        .expect(200);

      const seen = (await mine().get(`/api/clients/${client.id}`).expect(200)).body as ClientDetail;
      expect(seen.clinical?.intake).toMatchObject({
        presentingConcerns: concern,
        relationshipStatus: 'deciding',
        history: {
          foundationalBetrayal: { kinds: ['infidelity_current'], note: 'Two-year affair.' },
          attachmentStyle: { style: 'anxious', note: null },
          parentification: { present: null, note: null },
        },
      });

      const adminView = await admin().get(`/api/clients/${client.id}`).expect(200);
      expect(adminView.body).not.toHaveProperty('clinical');
      expect(JSON.stringify(adminView.body)).not.toContain('Panic');
      const list = await admin().get('/api/clients').query({ pageSize: 100 });
      expect(JSON.stringify(list.body)).not.toContain('Panic');
    });

    it('audits clinical reads and intake changes', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await mine()
        .patch(`/api/clients/${client.id}`)
        .send({ intake: { presentingConcerns: 'x' } })
        .expect(200);
      await mine().get(`/api/clients/${client.id}`).expect(200);
      await admin().get(`/api/clients/${client.id}`).expect(200);
      const rows = await test.dataSource.query<
        { action: string; role: string; detail: { clinical?: boolean } | null }[]
      >(`SELECT action, role, detail FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`, [
        client.id,
      ]);
      expect(rows.map((row) => [row.action, row.role, row.detail?.clinical ?? null])).toEqual([
        ['client.intake_updated', 'therapist', null],
        ['client.viewed', 'therapist', true],
        ['client.viewed', 'admin', false],
      ]);
    });

    it('merges history items: each item sent replaces that item only', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await mine()
        .patch(`/api/clients/${client.id}`)
        .send({
          intake: {
            history: { parentification: { present: true, note: 'Looked after her mother.' } },
          },
        })
        .expect(200);
      const after = (
        await mine()
          .patch(`/api/clients/${client.id}`)
          .send({ intake: { history: { childhoodEmotionalNeglect: { present: false } } } })
          .expect(200)
      ).body as ClientDetail;
      expect(after.clinical?.intake.history).toMatchObject({
        parentification: { present: true, note: 'Looked after her mother.' },
        childhoodEmotionalNeglect: { present: false, note: null },
      });
    });

    it('refuses an intake value outside the vocabulary, and changes nothing', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const response = await mine()
        .patch(`/api/clients/${client.id}`)
        .send({
          phone: '+1 555 0111',
          intake: {
            relationshipStatus: 'complicated',
            history: { attachmentStyle: { style: 'clingy' } },
          },
        })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual([
        'intake.history.attachmentStyle.style',
        'intake.relationshipStatus',
      ]);
      expect(await test.dataSource.manager.findOneBy(Client, { id: client.id })).toMatchObject({
        phone: client.phone,
      });
    });

    it('keeps a betrayal timeline in date order; "other" needs a label; removal hides the event', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const path = `/api/clients/${client.id}/timeline`;
      await mine()
        .post(path)
        .send({ kind: 'formal_disclosure', occurredOn: '2026-10-02' })
        .expect(201);
      const discovery = (
        await mine()
          .post(path)
          .send({ kind: 'discovery', occurredOn: '2026-08-14', note: 'Messages.' })
          .expect(201)
      ).body as { id: string };
      const noLabel = await mine()
        .post(path)
        .send({ kind: 'other', occurredOn: '2026-09-01' })
        .expect(400);
      expect(fieldsOf(noLabel.body)).toEqual(['label']);
      await mine()
        .post(path)
        .send({ kind: 'other', label: 'Moved house', occurredOn: '2026-09-01' })
        .expect(201);
      await mine().post(path).send({ kind: 'discovery', occurredOn: '2999-01-01' }).expect(400);

      let detail = (await mine().get(`/api/clients/${client.id}`)).body as ClientDetail;
      expect(
        detail.clinical?.timeline.map((event) => [event.occurredOn, event.kind, event.label]),
      ).toEqual([
        ['2026-08-14', 'discovery', null],
        ['2026-09-01', 'other', 'Moved house'],
        ['2026-10-02', 'formal_disclosure', null],
      ]);

      await mine().delete(`${path}/${discovery.id}`).expect(204);
      await mine().delete(`${path}/${discovery.id}`).expect(404);
      detail = (await mine().get(`/api/clients/${client.id}`)).body as ClientDetail;
      expect(detail.clinical?.timeline.map((event) => event.kind)).toEqual([
        'other',
        'formal_disclosure',
      ]);
    });

    it('keeps the phase of care as history, the latest start being the current phase', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      const path = `/api/clients/${client.id}/phase`;
      await mine()
        .post(path)
        .send({ phase: 'safety_stabilisation', startedOn: '2026-08-20' })
        .expect(201);
      await mine()
        .post(path)
        .send({ phase: 'grieving_processing', startedOn: '2026-10-15' })
        .expect(201);
      // A second entry on the same day corrects the first rather than adding a duplicate.
      await mine()
        .post(path)
        .send({ phase: 'rebuilding_reconnection', startedOn: '2026-10-15' })
        .expect(201);
      const detail = (await mine().get(`/api/clients/${client.id}`)).body as ClientDetail;
      expect(detail.clinical?.phase).toMatchObject({
        phase: 'rebuilding_reconnection',
        startedOn: '2026-10-15',
        recordedBy: therapist.displayName,
      });
      expect(detail.clinical?.phaseHistory.map((entry) => entry.startedOn)).toEqual([
        '2026-10-15',
        '2026-08-20',
      ]);
    });

    it('hands clinical content to the new therapist, and takes it from the old, on reassignment', async () => {
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await mine()
        .patch(`/api/clients/${client.id}`)
        .send({ intake: { presentingConcerns: 'Handover test' } })
        .expect(200);
      const moved = (
        await admin()
          .post(`/api/clients/${client.id}/assign`)
          .send({ therapistId: colleague.id })
          .expect(200)
      ).body;
      expect(moved.primaryTherapist.id).toBe(colleague.id);
      await mine().get(`/api/clients/${client.id}`).expect(404);
      const colleagueToken = (await signIn(test, colleague.email)).token;
      const theirs = (await as(test, colleagueToken).get(`/api/clients/${client.id}`).expect(200))
        .body as ClientDetail;
      expect(theirs.clinical?.intake.presentingConcerns).toBe('Handover test');
      const [audit] = await test.dataSource.query<{ detail: { from: string; to: string } }[]>(
        `SELECT detail FROM audit_events WHERE entity_id = $1 AND action = 'client.assigned'`,
        [client.id],
      );
      expect(audit?.detail).toEqual({ from: therapist.id, to: colleague.id });
    });
  });

  describe('couples', () => {
    it('links two files both ways, refuses a third, and unlinks both', async () => {
      const a = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        legalName: 'Partner A',
      });
      const b = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        legalName: 'Partner B',
      });
      const c = await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
      const linked = (
        await mine().post(`/api/clients/${a.id}/partner`).send({ partnerId: b.id }).expect(200)
      ).body as ClientDetail;
      expect(linked.partner).toEqual({ id: b.id, displayName: 'Partner B' });
      expect(((await mine().get(`/api/clients/${b.id}`)).body as ClientDetail).partner?.id).toBe(
        a.id,
      );

      await mine().post(`/api/clients/${c.id}/partner`).send({ partnerId: a.id }).expect(409);
      const self = await mine()
        .post(`/api/clients/${c.id}/partner`)
        .send({ partnerId: c.id })
        .expect(400);
      expect(fieldsOf(self.body)).toEqual(['partnerId']);

      await mine().post(`/api/clients/${b.id}/partner`).send({ partnerId: null }).expect(200);
      expect(((await mine().get(`/api/clients/${a.id}`)).body as ClientDetail).partner).toBeNull();
    });

    it("will not let a therapist link a file to a colleague's client, nor reveal that it exists", async () => {
      const a = await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
      const theirs = await createClient(test.dataSource, clinic, {
        primaryTherapistId: colleague.id,
      });
      const response = await mine()
        .post(`/api/clients/${a.id}/partner`)
        .send({ partnerId: theirs.id })
        .expect(400);
      expect(response.body.fields[0].problems[0]).toBe(
        'partnerId does not name a client you can link',
      );
    });
  });

  describe('the caseload and the directory', () => {
    let page: (query: Record<string, string | number>) => Promise<ClientPage>;
    beforeAll(async () => {
      const therapistOf = (names: string[]) =>
        Promise.all(
          names.map((legalName, index) =>
            createClient(test.dataSource, clinic, {
              legalName,
              primaryTherapistId: therapist.id,
              status: index % 2 ? 'paused' : 'active',
              intakeDate: `2026-0${(index % 9) + 1}-10`,
            }),
          ),
        );
      await therapistOf([
        'Caseload Anna',
        'Caseload bob',
        'Caseload Çelik',
        'Caseload Dara',
        "Caseload O'Neil",
        'Caseload 100%',
      ]);
      page = async (query) =>
        (await mine().get('/api/clients').query(query).expect(200)).body as ClientPage;
    });

    it('searches by part of a name, case-insensitively, treating quotes and % literally', async () => {
      expect((await page({ q: 'caseload b' })).items.map((item) => item.legalName)).toEqual([
        'Caseload bob',
      ]);
      expect((await page({ q: "O'Nei" })).items.map((item) => item.legalName)).toEqual([
        "Caseload O'Neil",
      ]);
      expect((await page({ q: '100%' })).items.map((item) => item.legalName)).toEqual([
        'Caseload 100%',
      ]);
      expect((await page({ q: '%' })).items.map((item) => item.legalName)).toEqual([
        'Caseload 100%',
      ]);
      expect((await page({ q: "'; drop table clients;--" })).total).toBe(0);
    });

    it('filters by status and sorts by name either way', async () => {
      const paused = await page({ q: 'Caseload', status: 'paused', sort: 'name' });
      expect(paused.items.every((item) => item.status === 'paused')).toBe(true);
      const ascending = (await page({ q: 'Caseload', sort: 'name' })).items.map(
        (item) => item.legalName,
      );
      const descending = (await page({ q: 'Caseload', sort: '-name' })).items.map(
        (item) => item.legalName,
      );
      expect(ascending).toEqual([
        'Caseload 100%',
        'Caseload Anna',
        'Caseload bob',
        'Caseload Çelik',
        'Caseload Dara',
        "Caseload O'Neil",
      ]);
      expect(descending).toEqual([...ascending].reverse());
    });

    it('pages through the caseload without gaps or repeats', async () => {
      const first = await page({ q: 'Caseload', pageSize: 4, page: 1 });
      const second = await page({ q: 'Caseload', pageSize: 4, page: 2 });
      expect(first.total).toBe(6);
      expect(first.items).toHaveLength(4);
      expect(second.items).toHaveLength(2);
      const all = [...first.items, ...second.items].map((item) => item.id);
      expect(new Set(all).size).toBe(6);
    });

    it('refuses sort keys and page sizes outside the allow-list, naming them', async () => {
      const response = await mine()
        .get('/api/clients')
        .query({ sort: 'legal_name; select pg_sleep(5)', pageSize: 500, status: 'gone' })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['pageSize', 'sort', 'status']);
    });

    it("shows a deactivated therapist's clients as needing reassignment", async () => {
      const leaving = await createUser(test.dataSource, clinic, 'therapist');
      const client = await createClient(test.dataSource, clinic, {
        primaryTherapistId: leaving.id,
        legalName: 'Orphaned Soon',
      });
      await admin().patch(`/api/staff/${leaving.id}`).send({ isActive: false }).expect(200);
      const directory = (
        await admin()
          .get('/api/clients')
          .query({ needsReassignment: 'true', pageSize: 100 })
          .expect(200)
      ).body as ClientPage;
      const row = directory.items.find((item) => item.id === client.id);
      expect(row).toMatchObject({
        needsReassignment: true,
        primaryTherapist: { id: leaving.id, isActive: false },
      });
    });
  });

  describe('a clinic past a thousand files', () => {
    let large: Clinic;
    let largeAdmin: string;
    let largeTherapist: User;

    beforeAll(async () => {
      large = await createClinic(test.dataSource);
      largeAdmin = (await signIn(test, (await createUser(test.dataSource, large, 'admin')).email))
        .token;
      largeTherapist = await createUser(test.dataSource, large, 'therapist');
      await test.dataSource.query(
        `INSERT INTO clients (clinic_id, legal_name, status, primary_therapist_id)
         SELECT $1, 'Bulk ' || n, 'active', CASE WHEN n <= 12 THEN $2::uuid END
           FROM generate_series(1, 1500) n`,
        [large.id, largeTherapist.id],
      );
      await test.dataSource.query('ANALYZE clients');
    });

    const list = async (query: Record<string, string | number> = {}) =>
      (await as(test, largeAdmin).get('/api/clients').query(query).expect(200)).body as ClientPage;

    it('gives page 1 of the whole directory with an estimated total ("about N")', async () => {
      const first = await list();
      expect(first.items).toHaveLength(25);
      expect(first.totalIsEstimate).toBe(true);
      expect(first.total).toBeGreaterThan(1000);
      expect(Math.abs(first.total - 1500)).toBeLessThan(300);
    });

    it('counts a search, a filter and a small caseload exactly', async () => {
      expect(await list({ q: 'Bulk 14' })).toMatchObject({ total: 111, totalIsEstimate: false });
      expect(await list({ status: 'active' })).toMatchObject({
        total: 1500,
        totalIsEstimate: false,
      });
      expect(await list({ therapistId: largeTherapist.id })).toMatchObject({
        total: 12,
        totalIsEstimate: false,
      });
    });
  });
});
