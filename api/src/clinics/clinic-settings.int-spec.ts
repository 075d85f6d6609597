import type {
  AccessTokenResponse,
  ApiErrorBody,
  AssessmentDetail,
  ClinicSettingsView,
  CrisisSupport,
  NoteDetail,
  UpdateClinicSettingsRequest,
} from '@cairn/contracts';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { binary, pdfPageSizes, pdfText } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { User } from '../users/entities/user.entity';
import type { Clinic } from './entities/clinic.entity';

const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

const BERLIN_HELP = 'Telefonseelsorge\nCall 0800 111 0 111\nFree, day and night.';

/** Clinic settings over HTTP on the whole app, on real PostgreSQL. */
describe('Clinic settings', () => {
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let adminToken: string;
  let therapist: User;
  let therapistToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, {
      name: 'Riverside Counselling',
      timeZone: 'America/Chicago',
    });
    admin = await createUser(test.dataSource, clinic, 'admin');
    therapist = await createUser(test.dataSource, clinic, 'therapist', {
      displayName: 'Dr. Ana Díaz',
    });
    adminToken = (await signIn(test, admin.email)).token;
    therapistToken = (await signIn(test, therapist.email)).token;
  });
  afterAll(() => test.close());

  const settings = (token = adminToken) => as(test, token).get('/api/clinic/settings');
  const put = (body: unknown, token = adminToken) =>
    as(test, token)
      .put('/api/clinic/settings')
      .send(body as object);
  const current = async () => (await settings().expect(200)).body as ClinicSettingsView;
  const request = (view: ClinicSettingsView): UpdateClinicSettingsRequest => {
    const { crisisResourcesMissing: _missing, ...body } = view;
    return body;
  };
  const row = async (id = clinic.id) =>
    (
      await test.dataSource.query<Record<string, unknown>[]>(
        `SELECT name, address, phone, time_zone, paper_size, crisis_resources, sender_name,
                idle_timeout_minutes FROM clinics WHERE id = $1`,
        [id],
      )
    )[0];
  const auditRows = () =>
    test.dataSource.query<{ detail: Record<string, unknown>; user_id: string }[]>(
      `SELECT detail, user_id FROM audit_events
        WHERE clinic_id = $1 AND action = 'clinic.settings_updated' ORDER BY occurred_at, id`,
      [clinic.id],
    );

  it('starts a US clinic on US Letter with the 988 Lifeline and 911, sending as the clinic', async () => {
    const view = await current();
    expect(view).toMatchObject({
      name: 'Riverside Counselling',
      address: null,
      phone: null,
      timeZone: 'America/Chicago',
      paperSize: 'letter',
      senderName: 'Riverside Counselling',
      idleTimeoutMinutes: 15,
      crisisResourcesMissing: false,
    });
    expect(view.crisisResources).toContain('988 Suicide & Crisis Lifeline');
    expect(view.crisisResources).toContain('Call 911');
  });

  it('starts a clinic elsewhere on A4 with no crisis resources, and says they are missing', async () => {
    const berlin = await createClinic(test.dataSource, {
      name: 'Praxis',
      timeZone: 'Europe/Berlin',
    });
    const token = (await signIn(test, (await createUser(test.dataSource, berlin, 'admin')).email))
      .token;
    const view = (await settings(token).expect(200)).body as ClinicSettingsView;
    expect(view).toMatchObject({
      paperSize: 'a4',
      crisisResources: '',
      crisisResourcesMissing: true,
    });

    // Its clients still see a neutral pointer to local help, never nothing; then the clinic's own.
    const portalUser = await createUser(test.dataSource, berlin, 'client');
    await createClient(test.dataSource, berlin, { portalUserId: portalUser.id });
    const clientToken = (await signIn(test, portalUser.email)).token;
    const before = (await as(test, clientToken).get('/api/me/crisis-resources').expect(200))
      .body as CrisisSupport;
    expect(JSON.stringify(before)).toMatch(/local emergency number/);

    const saved = (await put({ ...request(view), crisisResources: BERLIN_HELP }, token).expect(200))
      .body as ClinicSettingsView;
    expect(saved.crisisResourcesMissing).toBe(false);
    const after = (await as(test, clientToken).get('/api/me/crisis-resources').expect(200))
      .body as CrisisSupport;
    expect(after.resources).toEqual([
      {
        name: 'Telefonseelsorge',
        contact: 'Call 0800 111 0 111',
        detail: 'Free, day and night.',
        links: [{ label: 'Call 0800 111 0 111', href: 'tel:08001110111' }],
      },
    ]);
  });

  it('saves every field, reads them back, and audits which changed without the texts', async () => {
    const before = await current();
    const body: UpdateClinicSettingsRequest = {
      name: 'Riverside Counselling & Care',
      address: '12 Elm Street\nSpringfield, IL 62701',
      phone: '+1 (217) 555-0142',
      timeZone: 'America/New_York',
      paperSize: 'a4',
      crisisResources: `${before.crisisResources}\n\nOur front desk\nCall 217-555-0100\nWeekdays 9 to 5.`,
      senderName: 'Riverside front desk',
      idleTimeoutMinutes: 10,
    };
    const saved = (await put(body).expect(200)).body as ClinicSettingsView;
    expect(saved).toEqual({ ...body, crisisResourcesMissing: false });
    expect(await current()).toEqual(saved);
    expect(await row()).toEqual({
      name: body.name,
      address: body.address,
      phone: body.phone,
      time_zone: body.timeZone,
      paper_size: 'a4',
      crisis_resources: body.crisisResources,
      sender_name: body.senderName,
      idle_timeout_minutes: 10,
    });

    const [event, ...more] = await auditRows();
    expect(more).toEqual([]);
    expect(event?.user_id).toBe(admin.id);
    expect(event?.detail).toEqual({
      changed:
        'name, phone, timeZone, paperSize, senderName, idleTimeoutMinutes, address, crisisResources',
      'name.from': 'Riverside Counselling',
      'name.to': body.name,
      'phone.from': null,
      'phone.to': body.phone,
      'timeZone.from': 'America/Chicago',
      'timeZone.to': 'America/New_York',
      'paperSize.from': 'letter',
      'paperSize.to': 'a4',
      'senderName.from': 'Riverside Counselling',
      'senderName.to': 'Riverside front desk',
      'idleTimeoutMinutes.from': 15,
      'idleTimeoutMinutes.to': 10,
    });
    expect(JSON.stringify(event?.detail)).not.toContain('Elm Street');
    expect(JSON.stringify(event?.detail)).not.toContain('front desk\\n');

    // Saving the same again changes nothing and writes no audit row.
    await put(body).expect(200);
    expect(await auditRows()).toHaveLength(1);

    // Every staff member's session carries what they need: name, zone, idle time-out.
    const refreshed = await test.http
      .post('/api/auth/login')
      .send({ email: therapist.email, password: TEST_PASSWORD })
      .expect(200);
    expect((refreshed.body as AccessTokenResponse).user).toMatchObject({
      clinicName: body.name,
      clinicTimeZone: 'America/New_York',
      idleTimeoutMinutes: 10,
    });

    // The portal's "help now" and the answer that needs help show the clinic's text.
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
    });
    const clientToken = (await signIn(test, portalUser.email)).token;
    const help = (await as(test, clientToken).get('/api/me/crisis-resources').expect(200))
      .body as CrisisSupport;
    expect(help.resources.map((resource) => resource.name)).toEqual([
      '988 Suicide & Crisis Lifeline',
      'Emergency services',
      'National Domestic Violence Hotline',
      'Our front desk',
    ]);
    expect(help.resources[3]?.links).toEqual([
      { label: 'Call 217-555-0100', href: 'tel:2175550100' },
    ]);
    const created = (
      await as(test, therapistToken)
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'portal' })
        .expect(201)
    ).body as AssessmentDetail;
    const answered = (
      await as(test, clientToken)
        .put(`/api/me/assessments/${created.id}/answers`)
        .send({ answers: { 'phq9-9': 1 } })
        .expect(200)
    ).body as AssessmentDetail;
    expect(answered.support?.resources.map((resource) => resource.name)).toContain(
      'Our front desk',
    );

    await put(request(before)).expect(200);
  });

  it('prints notes and reports on the clinic letterhead and paper', async () => {
    const letterhead = {
      ...request(await current()),
      address: '12 Elm Street\nSpringfield, IL 62701',
      phone: '217-555-0142',
    };
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
    });
    const note = (
      await as(test, therapistToken)
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'bt_progress',
          sessionAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content: { focus: 'Sleep and routines.', risk: { level: 'none' }, plan: 'Weekly.' },
        })
        .expect(201)
    ).body as NoteDetail;
    await as(test, therapistToken)
      .post(`/api/notes/${note.id}/sign`)
      .send({ version: note.version, password: TEST_PASSWORD })
      .expect(200);
    const notePdf = async () =>
      (
        await as(test, therapistToken)
          .get(`/api/notes/${note.id}/pdf`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;

    for (const [paperSize, size] of [
      ['letter', [612, 792]],
      ['a4', [595, 842]],
    ] as const) {
      await put({ ...letterhead, paperSize }).expect(200);
      const pdf = await notePdf();
      const { pages } = await pdfText(pdf);
      expect(pages[0]).toContain('Riverside Counselling');
      expect(pages[0]).toContain('12 Elm Street · Springfield, IL 62701 · 217-555-0142');
      expect(new Set((await pdfPageSizes(pdf)).map((page) => page.join('×')))).toEqual(
        new Set([size.join('×')]),
      );
    }

    const report = (
      await as(test, therapistToken)
        .post(`/api/clients/${client.id}/reports`)
        .send({ from: '2026-01-01', to: '2026-06-30' })
        .expect(201)
    ).body as { id: string };
    const reportPdf = (
      await as(test, therapistToken)
        .get(`/api/reports/${report.id}/pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    expect((await pdfText(reportPdf)).pages[0]).toContain('12 Elm Street');
    expect((await pdfPageSizes(reportPdf))[0]).toEqual([595, 842]);
  });

  describe('bad input: a 400 naming the field, and nothing stored', () => {
    it.each<[string, Record<string, unknown>, string[]]>([
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
      ['a time zone spelt in the wrong case', { timeZone: 'america/chicago' }, ['timeZone']],
      ['an offset for a time zone', { timeZone: '+05:00' }, ['timeZone']],
      [
        'too long a crisis text',
        { crisisResources: 'Call 988\n'.repeat(500) },
        ['crisisResources'],
      ],
      ['crisis resources that are not text', { crisisResources: null }, ['crisisResources']],
      ['an idle time-out below five minutes', { idleTimeoutMinutes: 4 }, ['idleTimeoutMinutes']],
      ['an idle time-out above thirty minutes', { idleTimeoutMinutes: 31 }, ['idleTimeoutMinutes']],
      ['an idle time-out in part-minutes', { idleTimeoutMinutes: 12.5 }, ['idleTimeoutMinutes']],
      ['an unknown paper size', { paperSize: 'legal' }, ['paperSize']],
      ['a blank sender name', { senderName: ' \u200b ' }, ['senderName']],
      ['no sender name', { senderName: undefined }, ['senderName']],
      ['a blank clinic name', { name: '' }, ['name']],
      ['too long an address', { address: 'x'.repeat(501) }, ['address']],
      ['a phone with letters', { phone: 'call us' }, ['phone']],
      [
        'two bad fields',
        { paperSize: 'B5', idleTimeoutMinutes: 0 },
        ['idleTimeoutMinutes', 'paperSize'],
      ],
    ])('refuses %s', async (_what, change, fields) => {
      const before = await row();
      const response = await put({ ...request(await current()), ...change }).expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
      expect(await row()).toEqual(before);
    });

    it('refuses a field it does not know', async () => {
      const response = await put({ ...request(await current()), mfaRequired: true }).expect(400);
      expect(JSON.stringify(response.body)).toContain('mfaRequired');
    });

    it('leaves no audit row for a refused change', async () => {
      const count = (await auditRows()).length;
      await put({ ...request(await current()), timeZone: 'Nowhere/Land' }).expect(400);
      expect(await auditRows()).toHaveLength(count);
    });
  });

  it('is for admins only: therapists and clients are refused, and nothing changes', async () => {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const clientToken = (await signIn(test, portalUser.email)).token;
    const body = { ...request(await current()), name: 'Taken over' };
    const before = await row();
    for (const token of [therapistToken, clientToken]) {
      await settings(token).expect(403);
      await put(body, token).expect(403);
    }
    await as(test, null).get('/api/clinic/settings').expect(401);
    await as(test, null).put('/api/clinic/settings').send(body).expect(401);
    expect(await row()).toEqual(before);
  });

  it('keeps each clinic to its own settings', async () => {
    const other = await createClinic(test.dataSource, { name: 'Lakeside Therapy' });
    const otherToken = (
      await signIn(test, (await createUser(test.dataSource, other, 'admin')).email)
    ).token;
    const theirs = (await settings(otherToken).expect(200)).body as ClinicSettingsView;
    expect(theirs.name).toBe('Lakeside Therapy');
    const before = await row();
    await put({ ...request(theirs), name: 'Lakeside Therapy Group' }, otherToken).expect(200);
    expect(await row()).toEqual(before);
    expect((await row(other.id))?.['name']).toBe('Lakeside Therapy Group');
  });
});
