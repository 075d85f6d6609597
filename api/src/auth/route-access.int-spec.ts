import { createClinic, createUser, signIn } from '../../test/factories';
import { registeredRoutes, type RegisteredRoute } from '../../test/registered-routes';
import { createTestApp, type TestApp } from '../../test/test-app';

describe('Route access rules', () => {
  let test: TestApp;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    test = await createTestApp();
    routes = registeredRoutes(test.app);
  });
  afterAll(() => test.close());

  it('finds the routes Nest registered', () => {
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/auth/me',
        'GET /api/audit-events',
        'GET /api/health',
      ]),
    );
  });

  it('gives every route either a roles rule or a public mark', () => {
    const unguarded = routes
      .filter((route) => !route.isPublic && !route.roles?.length)
      .map((route) => route.handler);
    expect(unguarded).toEqual([]);
  });

  it('refuses every non-public route to a caller who is not signed in', async () => {
    const sampleId = '2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f';
    for (const route of routes.filter((candidate) => !candidate.isPublic)) {
      const path = route.path.replace(/:[A-Za-z]+/g, sampleId);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const response = await test.http[method](path).send({});
      expect({ route: route.handler, status: response.status }).toEqual({
        route: route.handler,
        status: 401,
      });
    }
  });

  it('lets the admin read the audit trail and refuses therapists and clients with 403, audited', async () => {
    const clinic = await createClinic(test.dataSource);
    const roles = ['admin', 'therapist', 'client'] as const;
    const statuses: Record<string, number> = {};
    for (const role of roles) {
      const user = await createUser(test.dataSource, clinic, role);
      const session = await signIn(test, user.email);
      statuses[role] = (
        await test.http.get('/api/audit-events').auth(session.token, { type: 'bearer' })
      ).status;
    }
    expect(statuses).toEqual({ admin: 200, therapist: 403, client: 403 });

    const denials = await test.dataSource.query<{ role: string; detail: { route: string } }[]>(
      `SELECT role, detail FROM audit_events WHERE action = 'access.denied' ORDER BY occurred_at`,
    );
    expect(denials.map((row) => [row.role, row.detail.route])).toEqual([
      ['therapist', '/api/audit-events'],
      ['client', '/api/audit-events'],
    ]);
  });
});
