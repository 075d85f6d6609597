import JsonSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { Fhir } from 'fhir';
import { Severities } from 'fhir/validator';
import type { AssessmentDetail } from '@cairn/contracts';
import type {
  Bundle,
  FhirResource,
  Flag,
  Observation,
  OperationOutcome,
  Patient,
  QuestionnaireResponse,
} from 'fhir/r4';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { binary } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const schema = new JsonSchemaValidator();
const structure = new Fhir();

/** The official R4 JSON schema and FHIR.js (value sets, cardinality): both must accept it. */
function problems(resource: object): string[] {
  const schemaErrors = schema
    .validate(resource)
    .map((error) => `${error.dataPath} ${error.message}`);
  const structureErrors = structure
    .validate(resource)
    .messages.filter(
      (message) => message.severity === Severities.Error || message.severity === Severities.Fatal,
    )
    .map((message) => `${message.location} ${message.message}`);
  return [...schemaErrors, ...structureErrors];
}

/** Every `reference` anywhere inside a resource. */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'reference' && typeof inner === 'string' ? [inner] : referencesIn(inner),
  );
}

const values = (code: string, answers: number[]) =>
  Object.fromEntries(answers.map((value, index) => [`${code}-${index + 1}`, value]));

describe('FHIR R4 base (/api/fhir)', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let client: Client;
  let partnerToken: string;
  let otherClinicToken: string;

  const mine = () => as(test, therapistToken);

  async function administer(
    instrumentCode: string,
    answers: Record<string, number>,
    finish: 'complete' | 'cancel' = 'complete',
  ): Promise<AssessmentDetail> {
    const created = (
      await mine()
        .post(`/api/clients/${client.id}/assessments`)
        .send({
          instrumentCode,
          mode: 'in_session',
          ...(instrumentCode === 'PCL-5'
            ? { indexEvent: { description: 'Finding the messages', occurredOn: '2026-08-14' } }
            : {}),
        })
        .expect(201)
    ).body as AssessmentDetail;
    await mine().put(`/api/assessments/${created.id}/answers`).send({ answers }).expect(200);
    return (await mine().post(`/api/assessments/${created.id}/${finish}`).expect(200))
      .body as AssessmentDetail;
  }

  let firstPhq: AssessmentDetail;
  let secondPhq: AssessmentDetail;
  let gad: AssessmentDetail;
  let pcl: AssessmentDetail;
  let cancelled: AssessmentDetail;
  let progressNoteId: string;
  let processNoteId: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (
      await signIn(test, (await createUser(test.dataSource, clinic, 'therapist')).email)
    ).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      dateOfBirth: '1984-03-09',
      pronouns: 'she/her',
      preferredName: 'Jo',
    });
    const partnerUser = await createUser(test.dataSource, clinic, 'client');
    const partner = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: partnerUser.id,
      partnerId: client.id,
    });
    await test.dataSource.query('UPDATE clients SET partner_id = $1 WHERE id = $2', [
      partner.id,
      client.id,
    ]);
    partnerToken = (await signIn(test, partnerUser.email)).token;
    const otherClinic = await createClinic(test.dataSource);
    otherClinicToken = (
      await signIn(test, (await createUser(test.dataSource, otherClinic, 'admin')).email)
    ).token;

    firstPhq = await administer('PHQ-9', {
      ...values('phq9', [3, 3, 3, 2, 2, 2, 2, 3, 0]),
      'phq9-difficulty': 2,
    });
    secondPhq = await administer('PHQ-9', values('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]));
    gad = await administer('GAD-7', values('gad7', [1, 1, 1, 1, 1, 1, 1]));
    pcl = await administer(
      'PCL-5',
      values(
        'pcl5',
        Array.from({ length: 20 }, () => 2),
      ),
    );
    cancelled = await administer('PHQ-9', values('phq9', [1, 1]), 'cancel');

    // A signed progress note (exported as a DocumentReference) and a signed psychotherapy note
    // in the same file (it must appear in no export).
    const note = async (templateCode: string, content: Record<string, unknown>) => {
      const draft = (
        await mine()
          .post(`/api/clients/${client.id}/notes`)
          .send({
            templateCode,
            sessionAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
            durationMinutes: 53,
            serviceType: 'individual_60',
            content,
          })
          .expect(201)
      ).body as { id: string; version: number };
      await mine()
        .post(`/api/notes/${draft.id}/sign`)
        .send({ version: draft.version, password: TEST_PASSWORD })
        .expect(200);
      return draft.id;
    };
    progressNoteId = await note('bt_progress', {
      focus: 'Alarm after a late reply.',
      nervousSystem: ['regulated'],
      disclosureStage: 'partial_disclosure',
      interventions: ['psychoeducation'],
      homeworkAssigned: 'Body check-in.',
      risk: { level: 'none' },
      plan: 'Weekly sessions.',
    });
    processNoteId = await note('process', {
      process: 'PROCESS-NOTE-MARKER I wanted to rescue her.',
    });
  });
  afterAll(() => test.close());

  it('publishes a CapabilityStatement without sign-in, as FHIR JSON', async () => {
    const response = await test.http.get('/api/fhir/metadata').expect(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const statement = JSON.parse(response.text) as { resourceType: string; fhirVersion: string };
    // The packaged R4 JSON schema was cut at 4.0.0 and lists no later version in its enum; R4's
    // current release is 4.0.1 (what @types/fhir and FHIR.js describe). Everything else must pass.
    expect(problems({ ...statement, fhirVersion: '4.0.0' })).toEqual([]);
    expect(structure.validate(statement).valid).toBe(true);
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
  });

  it('serves the client as a valid Patient with a URI-scoped Cairn identifier and no guessed gender', async () => {
    const response = await mine().get(`/api/fhir/Patient/${client.id}`).expect(200);
    expect(response.headers['content-type']).toContain('application/fhir+json');
    const patient = JSON.parse(response.text) as Patient;
    expect(problems(patient)).toEqual([]);
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      id: client.id,
      birthDate: '1984-03-09',
      name: [
        { use: 'official', text: client.legalName },
        { use: 'usual', given: ['Jo'] },
      ],
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/individual-pronouns',
          extension: [{ url: 'value', valueCodeableConcept: { text: 'she/her' } }],
        },
      ],
    });
    expect(patient.identifier?.[0]?.system).toMatch(/^https?:\/\/.+\/fhir\/sid\/client-file$/);
    expect(patient.identifier?.[0]?.value).toBe(client.id);
    expect(patient.gender).toBeUndefined();
    const audit = await test.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'fhir.patient_read'`,
      [client.id],
    );
    expect(audit.length).toBeGreaterThan(0);
  });

  it('serves every completed score as a valid Observation with exactly the verified LOINC codes', async () => {
    const response = await mine().get(`/api/fhir/Observation?patient=${client.id}`).expect(200);
    const bundle = JSON.parse(response.text) as Bundle<Observation>;
    expect(problems(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 4 });
    const observations = (bundle.entry ?? []).map((entry) => entry.resource as Observation);
    for (const observation of observations) expect(problems(observation)).toEqual([]);
    const byId = new Map(observations.map((observation) => [observation.id, observation]));

    const codes = (observation: Observation | undefined) =>
      observation?.code.coding?.map((coding) => `${coding.system}|${coding.code}`);
    expect(codes(byId.get(firstPhq.id))).toEqual(['http://loinc.org|44261-6']);
    expect(codes(byId.get(gad.id))).toEqual(['http://loinc.org|70274-6']);
    const pclCodes = codes(byId.get(pcl.id)) ?? [];
    expect(pclCodes).toHaveLength(1);
    expect(pclCodes[0]).toMatch(/\/fhir\/CodeSystem\/instrument-scores\|pcl-5-total$/);
    // No other LOINC code anywhere in any Observation's code or components.
    const loincCodes = observations.flatMap((observation) =>
      [observation.code, ...(observation.component ?? []).map((component) => component.code)]
        .flatMap((concept) => concept.coding ?? [])
        .filter((coding) => coding.system === 'http://loinc.org')
        .map((coding) => coding.code),
    );
    expect([...new Set(loincCodes)].sort()).toEqual(['44261-6', '70274-6']);

    expect(byId.get(firstPhq.id)).toMatchObject({
      valueQuantity: { value: 20 },
      interpretation: [{ text: 'Severe' }],
      derivedFrom: [{ reference: `QuestionnaireResponse/${firstPhq.id}` }],
    });
    // 20 → 7: beyond the PHQ-9's reliable-change threshold.
    const second = byId.get(secondPhq.id);
    expect(second?.extension?.[0]?.valueCode).toBe('improvement');
    expect(second?.note?.[0]?.text).toContain('Reliable improvement');
    expect(byId.get(pcl.id)?.component?.map((component) => component.valueQuantity?.value)).toEqual(
      [10, 4, 14, 12],
    );
    expect(byId.has(cancelled.id)).toBe(false);
  });

  it('completes the QuestionnaireResponse: author, source, stopped when cancelled, LOINC difficulty answer', async () => {
    const done = JSON.parse(
      (await mine().get(`/api/fhir/QuestionnaireResponse/${firstPhq.id}`).expect(200)).text,
    ) as QuestionnaireResponse;
    expect(problems(done)).toEqual([]);
    expect(done).toMatchObject({
      status: 'completed',
      author: { reference: `Practitioner/${therapist.id}` },
      source: { reference: `Practitioner/${therapist.id}` },
    });
    expect(
      done.item?.find((item) => item.linkId === 'phq9-difficulty')?.answer?.[0]?.valueCoding,
    ).toMatchObject({ system: 'http://loinc.org', code: 'LA6575-0' });
    const stopped = JSON.parse(
      (await mine().get(`/api/fhir/QuestionnaireResponse/${cancelled.id}`).expect(200)).text,
    ) as QuestionnaireResponse;
    expect(stopped.status).toBe('stopped');
    const pclResponse = JSON.parse(
      (await mine().get(`/api/fhir/QuestionnaireResponse/${pcl.id}`).expect(200)).text,
    ) as QuestionnaireResponse;
    expect(pclResponse.item?.[0]).toMatchObject({
      linkId: 'index-event',
      answer: [{ valueString: 'Finding the messages' }],
    });
  });

  it('serves the author of an in-session response as a Practitioner, to themself', async () => {
    const practitioner = JSON.parse(
      (await mine().get(`/api/fhir/Practitioner/${therapist.id}`).expect(200)).text,
    ) as { resourceType: string; id: string; name: { text: string }[] };
    expect(problems(practitioner)).toEqual([]);
    expect(practitioner).toMatchObject({
      resourceType: 'Practitioner',
      id: therapist.id,
      name: [{ text: therapist.displayName }],
    });
    await as(test, colleagueToken).get(`/api/fhir/Practitioner/${therapist.id}`).expect(404);
  });

  it('answers each Questionnaire at its canonical URL', async () => {
    const done = JSON.parse(
      (await mine().get(`/api/fhir/QuestionnaireResponse/${firstPhq.id}`).expect(200)).text,
    ) as QuestionnaireResponse;
    const canonical = new URL((done.questionnaire ?? '').split('|')[0] ?? '');
    const questionnaire = JSON.parse((await mine().get(canonical.pathname).expect(200)).text) as {
      resourceType: string;
      url: string;
    };
    expect(problems(questionnaire)).toEqual([]);
    expect(questionnaire).toMatchObject({ resourceType: 'Questionnaire', url: canonical.href });
  });

  it('serves a risk flag as a valid Flag', async () => {
    // An item 9 above 0 raises the flag.
    const flagged = await administer('PHQ-9', values('phq9', [1, 1, 1, 1, 1, 1, 1, 1, 2]));
    const bundle = JSON.parse(
      (await mine().get(`/api/fhir/Flag?patient=Patient/${client.id}`).expect(200)).text,
    ) as Bundle<Flag>;
    expect(problems(bundle)).toEqual([]);
    const flags = (bundle.entry ?? []).map((entry) => entry.resource as Flag);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      status: 'active',
      subject: { reference: `Patient/${client.id}` },
      extension: [{ valueReference: { reference: `QuestionnaireResponse/${flagged.id}` } }],
    });
  });

  it('exports the whole record as a collection Bundle whose every reference resolves, without psychotherapy notes', async () => {
    const response = await mine().get(`/api/fhir/Patient/${client.id}/$everything`).expect(200);
    expect(response.text).not.toContain('PROCESS-NOTE-MARKER');
    expect(response.text).not.toContain(processNoteId);
    const bundle = JSON.parse(response.text) as Bundle;
    expect(problems(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    const resources = (bundle.entry ?? []).map((entry) => entry.resource as FhirResource);
    for (const resource of resources) expect(problems(resource)).toEqual([]);
    const present = new Set(resources.map((resource) => `${resource.resourceType}/${resource.id}`));
    const references = referencesIn(resources);
    expect(references.length).toBeGreaterThan(10);
    expect(references.filter((reference) => !present.has(reference))).toEqual([]);
    expect([...new Set(resources.map((resource) => resource.resourceType))].sort()).toEqual([
      'DocumentReference',
      'Flag',
      'Observation',
      'Patient',
      'Practitioner',
      'Questionnaire',
      'QuestionnaireResponse',
    ]);
    // The signed progress note, as a link to its PDF that answers the PDF.
    const documents = resources.filter((resource) => resource.resourceType === 'DocumentReference');
    expect(documents.map((document) => document.id)).toEqual([progressNoteId]);
    const pdfUrl = new URL(
      (documents[0] as { content: { attachment: { url: string } }[] }).content[0]?.attachment.url ??
        '',
    );
    const pdf = await mine().get(pdfUrl.pathname).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const audit = await test.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'fhir.record_exported'`,
      [client.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('gives an admin the Patient alone, and refuses them the scores', async () => {
    const bundle = JSON.parse(
      (await as(test, adminToken).get(`/api/fhir/Patient/${client.id}/$everything`).expect(200))
        .text,
    ) as Bundle;
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual([
      'Patient',
      'Practitioner',
    ]);
    await as(test, adminToken).get(`/api/fhir/Observation?patient=${client.id}`).expect(403);
  });

  it.each([
    ['another therapist', () => colleagueToken],
    ['the partner', () => partnerToken],
    ['another clinic', () => otherClinicToken],
  ])('answers %s 404 with an OperationOutcome, on every route', async (_who, token) => {
    for (const path of [
      `/api/fhir/Patient/${client.id}`,
      `/api/fhir/Patient/${client.id}/$everything`,
      `/api/fhir/Observation?patient=${client.id}`,
      `/api/fhir/Flag?patient=${client.id}`,
      `/api/fhir/QuestionnaireResponse/${firstPhq.id}`,
    ]) {
      const response = await as(test, token()).get(path);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers['content-type']).toContain('application/fhir+json');
      const outcome = JSON.parse(response.text) as OperationOutcome;
      expect(problems(outcome)).toEqual([]);
      expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'not-found' });
      expect(response.text).not.toContain(client.legalName);
    }
  });

  it('answers bad input and missing sign-in with an OperationOutcome', async () => {
    const bad = await mine().get('/api/fhir/Observation?patient=nobody').expect(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'invalid' }, { expression: ['patient'] }],
    });
    const anonymous = await test.http.get(`/api/fhir/Patient/${client.id}`).expect(401);
    expect(JSON.parse(anonymous.text)).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'login' }],
    });
    await mine().get('/api/fhir/Questionnaire/no-such-thing').expect(404);
  });
});
