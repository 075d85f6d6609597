import { addDays, todayIn, type CaseloadAttention, type HomeworkTemplate } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const phq9 = (total: number) =>
  Object.fromEntries(
    Array.from({ length: 9 }, (_, index) => [
      `phq9-${index + 1}`,
      Math.min(3, Math.max(0, total - index * 3)),
    ]),
  );

describe('The therapist’s home (caseload dashboard)', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let token: string;
  const today = todayIn('America/Chicago');

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, therapist.email)).token;
  });
  afterAll(() => test.close());

  const mine = () => as(test, token);
  const home = async () =>
    (await mine().get('/api/dashboard/caseload').expect(200)).body as CaseloadAttention;

  async function score(client: Client, total: number): Promise<void> {
    const created = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as { id: string };
    await mine()
      .put(`/api/assessments/${created.id}/answers`)
      .send({ answers: phq9(total) })
      .expect(200);
    await mine().post(`/api/assessments/${created.id}/complete`).expect(200);
  }

  it('lists a client whose scores got reliably worse, not one who improved or barely changed', async () => {
    const worse = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      legalName: 'Worse Wanda',
    });
    const better = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      legalName: 'Better Bo',
    });
    const steady = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      legalName: 'Steady Sam',
    });
    await score(worse, 6);
    await score(worse, 15);
    await score(better, 15);
    await score(better, 6);
    await score(steady, 8);
    await score(steady, 11);
    const { deteriorating } = await home();
    expect(deteriorating).toEqual([
      {
        clientId: worse.id,
        clientName: 'Worse Wanda',
        instrumentCode: 'PHQ-9',
        instrumentTitle: expect.any(String),
        delta: 9,
      },
    ]);
  });

  it('lists a client who did less than half of the last four weeks’ homework', async () => {
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      legalName: 'Quiet Quinn',
    });
    const templates = (await mine().get('/api/homework-templates').expect(200))
      .body as HomeworkTemplate[];
    const task = templates.find((template) => template.kind === 'task');
    await mine()
      .post(`/api/clients/${client.id}/homework`)
      .send({
        templateId: task?.id,
        frequency: 'daily',
        startsOn: addDays(today, -10),
        endsOn: addDays(today, 10),
      })
      .expect(201);
    const { lowAdherence } = await home();
    const entry = lowAdherence.find((item) => item.clientId === client.id);
    expect(entry).toMatchObject({ clientName: 'Quiet Quinn', done: 0 });
    expect(entry?.expected).toBeGreaterThanOrEqual(10);
  });

  it('shows nothing of another therapist’s caseload', async () => {
    const colleague = await createUser(test.dataSource, clinic, 'therapist');
    const theirs = await createClient(test.dataSource, clinic, {
      primaryTherapistId: colleague.id,
    });
    const colleagueToken = (await signIn(test, colleague.email)).token;
    const attention = (await as(test, colleagueToken).get('/api/dashboard/caseload').expect(200))
      .body as CaseloadAttention;
    expect(attention.deteriorating).toEqual([]);
    expect(attention.lowAdherence).toEqual([]);
    expect(JSON.stringify(await home())).not.toContain(theirs.id);
  });
});
