import type {
  CaseloadAttention,
  ClientSummary,
  NoteDetail,
  NoteListItem,
  Page,
} from '@cairn/contracts';
import { as, signIn } from '../../test/factories';
import { PasswordHasher } from '../auth/password-hasher';
import { FieldCipher } from '../crypto/field-cipher';
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
    const cipher = test.app.get(FieldCipher);
    expect(await seedDemoData(test.dataSource, hasher, cipher)).toBe(true);
    const counts = {
      users: await count('users'),
      clients: await count('clients'),
      assessments: await count('assessments'),
    };
    expect(counts.users).toBe(DEMO_USERS.length);
    expect(counts.clients).toBeGreaterThanOrEqual(9);
    expect(counts.assessments).toBeGreaterThanOrEqual(14);

    expect(await seedDemoData(test.dataSource, hasher, cipher)).toBe(false);
    expect(await count('clients')).toBe(counts.clients);

    for (const user of DEMO_USERS) {
      await test.http
        .post('/api/auth/login')
        .send({ email: user.email, password: DEMO_PASSWORD })
        .expect(200);
    }
  });

  it('gives the demo therapist signed notes that verify, a private note and a late draft to finish', async () => {
    const { token } = await signIn(test, 'therapist@demo.clinic', DEMO_PASSWORD);
    const caseload = (await as(test, token).get('/api/clients?q=Jordan').expect(200))
      .body as Page<ClientSummary>;
    const jordan = caseload.items.find((client) => client.legalName === 'Jordan Rivera');
    if (!jordan) throw new Error('Jordan Rivera is not on the demo caseload');
    const notes = (await as(test, token).get(`/api/clients/${jordan.id}/notes`).expect(200))
      .body as NoteListItem[];
    expect(notes.map((note) => [note.templateCode, note.status, note.late])).toEqual(
      expect.arrayContaining([
        ['intake', 'signed', false],
        ['bt_progress', 'draft', true],
        ['process', 'draft', false],
      ]),
    );
    for (const note of notes.filter((item) => item.status === 'signed')) {
      const detail = (await as(test, token).get(`/api/notes/${note.id}`).expect(200))
        .body as NoteDetail;
      expect(detail.integrity).toBe('intact');
    }
    expect(notes.some((note) => note.addendumCount === 1)).toBe(true);
    const home = (await as(test, token).get('/api/dashboard/caseload').expect(200))
      .body as CaseloadAttention;
    expect(home.lateNotes.map((note) => note.clientName)).toEqual(['Jordan Rivera']);
  });
});
