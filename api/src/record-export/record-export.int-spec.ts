import type { AssessmentDetail } from '@cairn/contracts';
import type { Bundle } from 'fhir/r4';
import { strFromU8, unzipSync } from 'fflate';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { binary } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import { Appointment } from '../scheduling/entities/appointment.entity';
import type { User } from '../users/entities/user.entity';

/** Reads a zip answer into its files, as text. */
function filesOf(body: Buffer): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(body))).map(([name, data]) => [name, strFromU8(data)]),
  );
}

describe('Whole-record export (zip)', () => {
  let test: TestApp;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let partnerToken: string;
  let otherClinicToken: string;
  let client: Client;

  const get = (token: string, id: string) =>
    as(test, token).get(`/api/clients/${id}/record-export`).buffer(true).parse(binary);

  beforeAll(async () => {
    test = await createTestApp();
    const clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (
      await signIn(test, (await createUser(test.dataSource, clinic, 'therapist')).email)
    ).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    client = await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
    const partnerUser = await createUser(test.dataSource, clinic, 'client');
    await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: partnerUser.id,
      partnerId: client.id,
    });
    partnerToken = (await signIn(test, partnerUser.email)).token;
    otherClinicToken = (
      await signIn(
        test,
        (await createUser(test.dataSource, await createClinic(test.dataSource), 'admin')).email,
      )
    ).token;

    const mine = as(test, therapistToken);
    const created = (
      await mine
        .post(`/api/clients/${client.id}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
        .expect(201)
    ).body as AssessmentDetail;
    await mine
      .put(`/api/assessments/${created.id}/answers`)
      .send({
        answers: Object.fromEntries(
          [2, 2, 2, 2, 2, 1, 1, 1, 0].map((value, index) => [`phq9-${index + 1}`, value]),
        ),
      })
      .expect(200);
    await mine.post(`/api/assessments/${created.id}/complete`).expect(200);
    await mine
      .post(`/api/clients/${client.id}/notes`)
      .send({
        templateCode: 'process',
        sessionAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        durationMinutes: 53,
        serviceType: 'individual_60',
        content: { process: 'PROCESS-NOTE-MARKER I wanted to rescue her.' },
      })
      .expect(201);
    const start = new Date(Date.now() + 3 * 86_400_000);
    await test.dataSource.manager.save(
      test.dataSource.manager.create(Appointment, {
        clinicId: clinic.id,
        therapistId: therapist.id,
        kind: 'session',
        status: 'scheduled',
        startsAt: start,
        endsAt: new Date(start.getTime() + 50 * 60_000),
        clientId: client.id,
        location: "=cmd|' /C calc'!A0",
        createdBy: therapist.id,
      }),
    );
  });
  afterAll(() => test.close());

  it('gives the treating therapist one zip: the FHIR Bundle, scores and appointments as CSV, audited', async () => {
    const response = await get(therapistToken, client.id).expect(200);
    expect(response.headers['content-type']).toContain('application/zip');
    expect(response.headers['content-disposition']).not.toContain(client.legalName);
    const files = filesOf(response.body as Buffer);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'appointments.csv',
      'chart.pdf',
      'fhir/everything.json',
      'homework.csv',
      'notes.csv',
      'scores.csv',
    ]);
    const bundle = JSON.parse(files['fhir/everything.json'] ?? '{}') as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toContain('Observation');
    expect(files['scores.csv']?.split('\r\n')[1]).toMatch(/^[^,]+,PHQ-9,1,13,Moderate,,$/);
    // A cell a spreadsheet would run as a formula is defused (and quoted).
    expect(files['appointments.csv']).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(Object.values(files).join('\n')).not.toContain('PROCESS-NOTE-MARKER');
    const audit = await test.dataSource.query<{ action: string; user_id: string }[]>(
      `SELECT action, user_id FROM audit_events WHERE entity_id = $1 AND action = 'client.record_exported'`,
      [client.id],
    );
    expect(audit).toEqual([{ action: 'client.record_exported', user_id: therapist.id }]);
  });

  it('gives an admin the non-clinical part only', async () => {
    const files = filesOf((await get(adminToken, client.id).expect(200)).body as Buffer);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'appointments.csv',
      'chart.pdf',
      'fhir/everything.json',
    ]);
    const bundle = JSON.parse(files['fhir/everything.json'] ?? '{}') as Bundle;
    expect(
      bundle.entry?.every((entry) =>
        ['Patient', 'Practitioner'].includes(entry.resource?.resourceType ?? ''),
      ),
    ).toBe(true);
  });

  it.each([
    ['another therapist', () => colleagueToken],
    ['the partner', () => partnerToken],
    ['another clinic', () => otherClinicToken],
  ])('answers %s 404, and writes no export row', async (_who, token) => {
    await as(test, token()).get(`/api/clients/${client.id}/record-export`).expect(404);
    const [row] = await test.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM audit_events WHERE entity_id = $1 AND action = 'client.record_exported'`,
      [client.id],
    );
    expect(row?.count).toBe('2');
  });
});
