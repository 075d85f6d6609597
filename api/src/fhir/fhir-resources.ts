import {
  cairnSystem,
  changeBetween,
  fhirId,
  toFhirObservation,
  toFhirQuestionnaireResponse,
  type InstrumentDefinition,
} from '@cairn/instruments';
import type {
  CapabilityStatement,
  DocumentReference,
  Flag,
  Observation,
  Patient,
  Practitioner,
  QuestionnaireResponse,
  Reference,
} from 'fhir/r4';
import type { Assessment } from '../assessments/entities/assessment.entity';
import type { RiskFlag } from '../assessments/entities/risk-flag.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import type { Client } from '../clients/entities/client.entity';
import type { User } from '../users/entities/user.entity';

export { FHIR_JSON, operationOutcome } from './operation-outcome';

export const FHIR_VERSION = '4.0.1';

const PRONOUNS = 'http://hl7.org/fhir/StructureDefinition/individual-pronouns';
const FLAG_DETAIL = 'http://hl7.org/fhir/StructureDefinition/flag-detail';
const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';

/** Cairn's id of a client file, as an identifier that stays the same wherever the record goes. */
export function clientIdentifierSystem(base: string): string {
  return `${base}/fhir/sid/client-file`;
}

/**
 * A client file as a Patient: names, birth date, pronouns and Cairn's id. Cairn records neither
 * administrative gender nor gender identity, so neither is sent: a value is never guessed (the
 * pronouns say nothing about either).
 */
export function toPatient(client: Client, base: string): Patient {
  const names: NonNullable<Patient['name']> = [{ use: 'official', text: client.legalName }];
  if (client.preferredName) names.push({ use: 'usual', given: [client.preferredName] });
  return {
    resourceType: 'Patient',
    id: client.id,
    ...(client.pronouns
      ? {
          extension: [
            {
              url: PRONOUNS,
              extension: [{ url: 'value', valueCodeableConcept: { text: client.pronouns } }],
            },
          ],
        }
      : {}),
    identifier: [{ use: 'usual', system: clientIdentifierSystem(base), value: client.id }],
    active: client.status !== 'discharged',
    name: names,
    ...(client.dateOfBirth ? { birthDate: client.dateOfBirth } : {}),
    ...(client.primaryTherapistId
      ? { generalPractitioner: [{ reference: `Practitioner/${client.primaryTherapistId}` }] }
      : {}),
  };
}

/** A therapist as the author of what they entered: the name only, never their contact details. */
export function toPractitioner(user: User): Practitioner {
  return { resourceType: 'Practitioner', id: user.id, name: [{ text: user.displayName }] };
}

/** Who entered the answers: the client in the portal, the therapist in session. */
function answerer(assessment: Assessment): Reference {
  return assessment.mode === 'portal'
    ? { reference: `Patient/${assessment.clientId}` }
    : { reference: `Practitioner/${assessment.completedBy ?? assessment.createdBy}` };
}

/** The therapists a set of administrations names as authors (for a Bundle that must resolve). */
export function practitionerIds(assessments: Assessment[]): string[] {
  return assessments
    .filter((assessment) => assessment.mode !== 'portal')
    .map((assessment) => assessment.completedBy ?? assessment.createdBy);
}

export function toQuestionnaireResponse(
  assessment: Assessment,
  base: string,
): QuestionnaireResponse {
  const by = answerer(assessment);
  return toFhirQuestionnaireResponse(
    storedInstrument(assessment.instrumentCode, assessment.instrumentVersion),
    {
      id: assessment.id,
      clientId: assessment.clientId,
      status: assessment.status,
      authored: (assessment.completedAt ?? assessment.updatedAt).toISOString(),
      answers: assessment.answers,
      indexEvent: assessment.indexEvent,
      author: by,
      source: by,
    },
    base,
  );
}

/**
 * Every completed score as an Observation, oldest first, each judged against the previous score
 * of the same instrument (reliable change). `assessments` are one client's, in any order.
 */
export function toObservations(assessments: Assessment[], base: string): Observation[] {
  const completed = assessments
    .filter(
      (assessment) =>
        assessment.status === 'completed' && assessment.result && assessment.completedAt,
    )
    .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0));
  const previousTotal = new Map<string, number>();
  const observations: Observation[] = [];
  for (const assessment of completed) {
    const result = assessment.result;
    if (!result) continue;
    const definition = storedInstrument(assessment.instrumentCode, assessment.instrumentVersion);
    const earlier = previousTotal.get(assessment.instrumentCode);
    const observation = toFhirObservation(
      definition,
      {
        assessmentId: assessment.id,
        clientId: assessment.clientId,
        effective: (assessment.completedAt ?? assessment.updatedAt).toISOString(),
        total: result.total,
        severity: result.severity,
        subscales: result.subscales,
        change:
          earlier !== undefined && result.total !== null
            ? changeBetween(definition, earlier, result.total)
            : null,
        performer: answerer(assessment),
      },
      base,
    );
    if (result.total !== null) previousTotal.set(assessment.instrumentCode, result.total);
    if (observation) observations.push(observation);
  }
  return observations;
}

function riskMessage(definition: InstrumentDefinition, flag: RiskFlag): string {
  return (
    definition.riskRules.find((rule) => rule.id === flag.ruleId)?.message ??
    `${definition.shortTitle}: risk answer on ${flag.itemId}`
  );
}

/**
 * A risk flag as a Flag: active while open; once the therapist has acknowledged it, inactive
 * with the acknowledgement as the end of its period. The answers that raised it are its detail.
 */
export function toFlag(flag: RiskFlag, assessment: Assessment, base: string): Flag {
  const definition = storedInstrument(assessment.instrumentCode, assessment.instrumentVersion);
  const message = riskMessage(definition, flag);
  return {
    resourceType: 'Flag',
    id: flag.id,
    extension: [
      { url: FLAG_DETAIL, valueReference: { reference: `QuestionnaireResponse/${assessment.id}` } },
    ],
    status: flag.acknowledgedAt ? 'inactive' : 'active',
    category: [{ coding: [{ system: FLAG_CATEGORY, code: 'clinical', display: 'Clinical' }] }],
    code: {
      coding: [
        { system: cairnSystem(base, 'risk-rules'), code: fhirId(flag.ruleId), display: message },
      ],
      text: message,
    },
    subject: { reference: `Patient/${flag.clientId}` },
    period: {
      start: flag.raisedAt.toISOString(),
      ...(flag.acknowledgedAt ? { end: flag.acknowledgedAt.toISOString() } : {}),
    },
  };
}

/** A signed document Cairn can hand out as a PDF: a progress note or a final report. */
export interface SignedDocument {
  id: string;
  clientId: string;
  authorId: string;
  date: Date;
  title: string;
  /** The API route that answers the PDF (through the access layer, audited). */
  url: string;
}

/**
 * A signed progress note or final report as a DocumentReference pointing at its PDF. The
 * document itself is fetched from the URL, so each download is decided and audited on its own.
 * Psychotherapy notes never become one.
 */
export function toDocumentReference(document: SignedDocument): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: document.id,
    status: 'current',
    docStatus: 'final',
    type: { text: document.title },
    subject: { reference: `Patient/${document.clientId}` },
    date: document.date.toISOString(),
    author: [{ reference: `Practitioner/${document.authorId}` }],
    content: [
      { attachment: { contentType: 'application/pdf', url: document.url, title: document.title } },
    ],
  };
}

/** What the FHIR base serves, as its CapabilityStatement (`GET /api/fhir/metadata`). */
export function capabilityStatement(base: string): CapabilityStatement {
  const byPatient = [
    { name: 'patient', type: 'reference' as const, documentation: 'The client file (required).' },
  ];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-02',
    publisher: 'Cairn',
    kind: 'instance',
    software: { name: 'Cairn' },
    implementation: { description: 'Cairn FHIR R4 API (read only)', url: `${base}/api/fhir` },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Every resource but this statement needs a signed-in Cairn user (bearer token) and is read through Cairn access rules: a record the caller may not know of is 404. Psychotherapy notes are never served.',
        security: { description: 'OAuth-style bearer token from Cairn sign-in.' },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }],
            operation: [
              {
                name: 'everything',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
              },
            ],
          },
          { type: 'Observation', interaction: [{ code: 'search-type' }], searchParam: byPatient },
          { type: 'Flag', interaction: [{ code: 'search-type' }], searchParam: byPatient },
          { type: 'Practitioner', interaction: [{ code: 'read' }] },
          { type: 'Questionnaire', interaction: [{ code: 'read' }] },
          {
            type: 'DocumentReference',
            documentation: 'Signed progress notes and final reports, inside Patient/$everything.',
          },
          { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }] },
        ],
      },
    ],
  };
}
