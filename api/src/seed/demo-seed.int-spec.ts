import { PasswordHasher } from '../auth/password-hasher';
import { createTestApp, type TestApp } from '../../test/test-app';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './demo-seed';

describe('Demo data', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp();
  });
  afterAll(() => test.close());

  const count = async (table: string) =>
    Number(
      (await test.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]?.n,
    );

  it('seeds the demo clinic once, with sign-ins that work and a client file with measures', async () => {
    const hasher = test.app.get(PasswordHasher);
    expect(await seedDemoData(test.dataSource, hasher)).toBe(true);
    const counts = {
      users: await count('users'),
      clients: await count('clients'),
      assessments: await count('assessments'),
      appointments: await count('appointments'),
      weeklyHours: await count('therapist_weekly_hours'),
    };
    expect(counts.users).toBe(DEMO_USERS.length);
    expect(counts.clients).toBeGreaterThanOrEqual(9);
    expect(counts.assessments).toBeGreaterThanOrEqual(14);
    expect(counts.appointments).toBeGreaterThanOrEqual(30);
    expect(counts.weeklyHours).toBeGreaterThanOrEqual(9);

    expect(await seedDemoData(test.dataSource, hasher)).toBe(false);
    expect(await count('clients')).toBe(counts.clients);

    for (const user of DEMO_USERS) {
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: DEMO_PASSWORD })
        .expect(200);
    }
  });
});
