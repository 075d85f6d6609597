import type { ApiErrorBody, AuditEventView, Page } from '@cairn/contracts';
import { createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

describe('Audit trail', () => {
  let test: TestApp;
  let clinic: Clinic;
  let admin: User;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    admin = await createUser(test.dataSource, clinic, 'admin');
    adminToken = (await signIn(test, admin.email)).token;
  });
  afterAll(() => test.close());

  const list = (query: Record<string, string | number> = {}) =>
    test.http.get('/api/audit-events').query(query).auth(adminToken, { type: 'bearer' });

  it('records a sign-in with who, role, clinic, request id and address', async () => {
    const therapist = await createUser(test.dataSource, clinic, 'therapist');
    const response = await test.http
      .post('/api/auth/login')
      .set('x-request-id', 'req-signin-0001')
      .send({ email: therapist.email, password: 'test-password-1234' });
    expect(response.status).toBe(200);
    const [row] = await test.dataSource.query<Record<string, unknown>[]>(
      `SELECT user_id, role, clinic_id, action, outcome, request_id, ip, entity_type FROM audit_events WHERE user_id = $1`,
      [therapist.id],
    );
    expect(row).toMatchObject({
      user_id: therapist.id,
      role: 'therapist',
      clinic_id: clinic.id,
      action: 'auth.login',
      outcome: 'success',
      request_id: 'req-signin-0001',
      entity_type: 'session',
    });
    expect(row?.['ip']).toBe('127.0.0.1');
  });

  it('pages through the clinic events, newest first, with the actor named', async () => {
    for (let index = 0; index < 3; index++) await signIn(test, admin.email);
    const first = await list({ pageSize: 2 }).expect(200);
    const page = first.body as Page<AuditEventView>;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items[0]?.userDisplayName).toBe(admin.displayName);
    const times = page.items.map((item) => Date.parse(item.occurredAt));
    expect(times[0]).toBeGreaterThanOrEqual(times[1] ?? 0);

    const second = (await list({ pageSize: 2, page: 2 }).expect(200)).body as Page<AuditEventView>;
    expect(second.items.map((item) => item.id)).not.toEqual(
      expect.arrayContaining(page.items.map((item) => item.id)),
    );
  });

  it('filters by action and by user', async () => {
    const byAction = (await list({ action: 'auth.login' }).expect(200))
      .body as Page<AuditEventView>;
    expect(new Set(byAction.items.map((item) => item.action))).toEqual(new Set(['auth.login']));
    const byUser = (await list({ userId: admin.id }).expect(200)).body as Page<AuditEventView>;
    expect(new Set(byUser.items.map((item) => item.userId))).toEqual(new Set([admin.id]));
  });

  it('never shows another clinic its events', async () => {
    const otherClinic = await createClinic(test.dataSource, { name: 'Elsewhere Therapy' });
    const otherAdmin = await createUser(test.dataSource, otherClinic, 'admin');
    await signIn(test, otherAdmin.email);
    const page = (await list({ pageSize: 100 }).expect(200)).body as Page<AuditEventView>;
    expect(page.items.some((item) => item.userId === otherAdmin.id)).toBe(false);
  });

  it('names the bad query parameters with a 400', async () => {
    const response = await list({ pageSize: 1000, userId: 'nope', sort: 'id;drop' }).expect(400);
    const fields = (response.body as ApiErrorBody).fields ?? [];
    expect(fields.map((field) => field.field).sort()).toEqual(['pageSize', 'sort', 'userId']);
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
