import type { ApiErrorBody, AuditEventPage, AuditEventView } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

describe('Audit trail', () => {
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let adminToken: string;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let client: Client;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    admin = await createUser(test.dataSource, clinic, 'admin', { displayName: 'Ana Ruiz' });
    therapist = await createUser(test.dataSource, clinic, 'therapist', {
      displayName: 'Dr. Lena Moss',
    });
    const colleague = await createUser(test.dataSource, clinic, 'therapist');
    client = await createClient(test.dataSource, clinic, {
      legalName: 'Robin Ashworth',
      primaryTherapistId: therapist.id,
    });
    adminToken = (await signIn(test, admin.email)).token;
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (await signIn(test, colleague.email)).token;
  });
  afterAll(() => test.close());

  const list = (query: Record<string, string | number> = {}) =>
    as(test, adminToken).get('/api/audit-events').query(query);
  const page = async (query: Record<string, string | number> = {}) =>
    (await list(query).expect(200)).body as AuditEventPage;

  it('records a sign-in with who, role, clinic, request id and address', async () => {
    const someone = await createUser(test.dataSource, clinic, 'therapist');
    const response = await test.http
      .post('/api/auth/login')
      .set('x-request-id', 'req-signin-0001')
      .send({ email: someone.email, password: 'test-password-1234' });
    expect(response.status).toBe(200);
    const [row] = await test.dataSource.query<Record<string, unknown>[]>(
      `SELECT user_id, role, clinic_id, action, outcome, request_id, ip, entity_type FROM audit_events WHERE user_id = $1`,
      [someone.id],
    );
    expect(row).toMatchObject({
      user_id: someone.id,
      role: 'therapist',
      clinic_id: clinic.id,
      action: 'auth.signed_in',
      outcome: 'success',
      request_id: 'req-signin-0001',
      entity_type: 'session',
    });
    expect(row?.['ip']).toBe('127.0.0.1');
  });

  it('reads as an auditor needs: the person and the client file by name, the action in words', async () => {
    await as(test, therapistToken).get(`/api/clients/${client.id}`).expect(200);
    const { items } = await page({ clientId: client.id });
    const opened = items.find((item) => item.action === 'client.viewed');
    expect(opened).toMatchObject({
      userDisplayName: 'Dr. Lena Moss',
      role: 'therapist',
      actionLabel: 'Opened a client file',
      category: 'client_file',
      clientId: client.id,
      clientName: 'Robin Ashworth',
      outcome: 'success',
    });
  });

  it('records a colleague probing a file with the file named, though they were told nothing', async () => {
    const answer = await as(test, colleagueToken).get(`/api/clients/${client.id}`).expect(404);
    expect(JSON.stringify(answer.body)).not.toContain('Robin');
    const { items } = await page({ category: 'access', clientId: client.id });
    expect(items[0]).toMatchObject({
      action: 'access.denied',
      actionLabel: 'Access refused',
      outcome: 'denied',
      entityType: 'client',
      entityId: client.id,
      clientName: 'Robin Ashworth',
    });
  });

  it('pages by position, newest first, without repeating or skipping an event', async () => {
    for (let index = 0; index < 5; index++) await signIn(test, admin.email);
    const seen: AuditEventView[] = [];
    let before: string | null = null;
    do {
      const next: AuditEventPage = await page({ pageSize: 3, ...(before ? { before } : {}) });
      seen.push(...next.items);
      before = next.nextBefore;
    } while (before);
    const ids = seen.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = seen.map((item) => Date.parse(item.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Reading the pages writes "audit.viewed" rows as it goes; every other event was there before.
    const stored = await test.dataSource.query<{ id: string }[]>(
      `SELECT id FROM audit_events WHERE clinic_id = $1 AND action <> 'audit.viewed'`,
      [clinic.id],
    );
    const paged = seen.filter((item) => item.action !== 'audit.viewed').map((item) => item.id);
    expect(paged.sort()).toEqual(stored.map((row) => row.id).sort());
  });

  it('finds events older than the last months when the newest do not fill the page', async () => {
    const someone = await createUser(test.dataSource, clinic, 'therapist');
    // Five months back: a partition of its own, outside the months a page is first looked for in.
    await test.dataSource.query(`SELECT audit_events_partition_for(now() - interval '150 days')`);
    await test.dataSource.query(
      `INSERT INTO audit_events (clinic_id, user_id, role, action, outcome, occurred_at)
       VALUES ($1, $2, 'therapist', 'auth.signed_in', 'success', now() - interval '150 days'),
              ($1, $2, 'therapist', 'auth.signed_out', 'success', now() - interval '1 minute')`,
      [clinic.id, someone.id],
    );
    const first = await page({ userId: someone.id, pageSize: 1 });
    expect(first.items.map((item) => item.action)).toEqual(['auth.signed_out']);
    const second = await page({ userId: someone.id, pageSize: 1, before: first.nextBefore ?? '' });
    expect(second.items.map((item) => item.action)).toEqual(['auth.signed_in']);
    expect(second.nextBefore).toBeNull();
    const whole = await page({ userId: someone.id });
    expect(whole.items.map((item) => item.action)).toEqual(['auth.signed_out', 'auth.signed_in']);
  });

  it('filters by person, category, outcome and clinic dates', async () => {
    const byUser = await page({ userId: therapist.id });
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(new Set(byUser.items.map((item) => item.userId))).toEqual(new Set([therapist.id]));
    const signIns = await page({ category: 'sign_in' });
    expect(new Set(signIns.items.map((item) => item.category))).toEqual(new Set(['sign_in']));
    const denied = await page({ outcome: 'denied' });
    expect(denied.items.length).toBeGreaterThan(0);
    expect(denied.items.every((item) => item.outcome === 'denied')).toBe(true);
    expect((await page({ from: '2001-01-01', to: '2001-12-31' })).items).toEqual([]);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: clinic.timeZone });
    expect((await page({ from: today, to: today })).items.length).toBeGreaterThan(0);
  });

  it('exports the filtered view as CSV, formulas defused, and audits the export', async () => {
    await createClient(test.dataSource, clinic, { legalName: '=HYPERLINK("x")' }).then((planted) =>
      as(test, adminToken).get(`/api/clients/${planted.id}`).expect(200),
    );
    const response = await as(test, adminToken)
      .get('/api/audit-events/export')
      .query({ category: 'client_file' })
      .expect(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-trail-/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'time,person,role,action,what,client file,outcome,record,address,request',
    );
    expect(lines.some((line) => line.includes('Opened a client file'))).toBe(true);
    expect(lines.some((line) => line.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
    expect(lines.every((line) => !line.includes(',=HYPERLINK'))).toBe(true);
    const { items } = await page({ category: 'audit' });
    expect(items.map((item) => item.action)).toContain('audit.exported');
  });

  it('never shows another clinic its events, and is for admins only', async () => {
    const otherClinic = await createClinic(test.dataSource, { name: 'Elsewhere Therapy' });
    const otherAdmin = await createUser(test.dataSource, otherClinic, 'admin');
    await signIn(test, otherAdmin.email);
    const all = await page({ pageSize: 200 });
    expect(all.items.some((item) => item.userId === otherAdmin.id)).toBe(false);
    await as(test, therapistToken).get('/api/audit-events').expect(403);
    await as(test, therapistToken).get('/api/audit-events/export').expect(403);
  });

  it('names the bad query parameters with a 400', async () => {
    const response = await list({
      pageSize: 1000,
      userId: 'nope',
      category: 'everything',
      before: 'x',
      sort: 'id;drop',
    }).expect(400);
    const fields = (response.body as ApiErrorBody).fields ?? [];
    expect(fields.map((field) => field.field).sort()).toEqual([
      'before',
      'category',
      'pageSize',
      'sort',
      'userId',
    ]);
    const reversed = await list({ from: '2026-02-01', to: '2026-01-01' }).expect(400);
    expect((reversed.body as ApiErrorBody).fields?.[0]?.field).toBe('from');
  });

  it('refuses to change or remove audit rows, whoever asks the database', async () => {
    await expect(
      test.dataSource.query(`UPDATE audit_events SET action = 'auth.nothing'`),
    ).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(test.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(test.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    const [{ count }] = await test.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM audit_events',
    );
    expect(Number(count)).toBeGreaterThan(0);
  });
});
