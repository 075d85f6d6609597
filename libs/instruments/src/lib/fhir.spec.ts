import JsonSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { Fhir } from 'fhir';
import { Severities } from 'fhir/validator';
import type { Answers, InstrumentDefinition } from './definition';
import { BETRAYAL_HISTORY } from './definitions/betrayal-history';
import { GAD_7 } from './definitions/gad-7';
import { PCL_5 } from './definitions/pcl-5';
import { PHQ_9 } from './definitions/phq-9';
import { TRUST_PATTERNS } from './definitions/trust-patterns';
import { toFhirObservation, toFhirQuestionnaire, toFhirQuestionnaireResponse } from './fhir';
import { scoreAnswers } from './scoring';
import { INSTRUMENTS } from './registry';

const BASE = 'https://cairn.example.org';
const schema = new JsonSchemaValidator();
const structure = new Fhir();

/** Both validators: the official R4 JSON schema, and FHIR.js checking value sets and cardinality. */
function problems(resource: object): string[] {
  const schemaErrors = schema
    .validate(resource)
    .map((error: { dataPath: string; message: string }) => `${error.dataPath} ${error.message}`);
  const structureErrors = structure
    .validate(resource)
    .messages.filter(
      (message) => message.severity === Severities.Error || message.severity === Severities.Fatal,
    )
    .map((message) => `${message.location} ${message.message}`);
  return [...schemaErrors, ...structureErrors];
}

describe('FHIR R4 export', () => {
  it.each(INSTRUMENTS.map((definition) => [definition.code, definition] as const))(
    'the %s Questionnaire is valid FHIR R4',
    (_code, definition: InstrumentDefinition) => {
      const questionnaire = toFhirQuestionnaire(definition, BASE);
      expect(problems(questionnaire)).toEqual([]);
      expect(questionnaire.item).toHaveLength(
        definition.items.length + 1 + (definition.asksIndexEvent ? 2 : 0),
      );
      expect(questionnaire.item?.[0]).toEqual({
        linkId: 'instructions',
        type: 'display',
        text: definition.instructions,
      });
    },
  );

  it('codes the PHQ-9 with its verified LOINC panel, item and answer codes', () => {
    const questionnaire = toFhirQuestionnaire(PHQ_9, BASE);
    expect(questionnaire.code).toEqual([
      { system: 'http://loinc.org', code: '44249-1', display: PHQ_9.title },
    ]);
    const item9 = questionnaire.item?.find((item) => item.linkId === 'phq9-9');
    expect(item9?.code?.[0]?.code).toBe('44260-8');
    expect(item9?.answerOption?.map((option) => option.valueCoding?.code)).toEqual([
      'LA6568-5',
      'LA6569-3',
      'LA6570-1',
      'LA6571-9',
    ]);
    expect(item9?.answerOption?.[3]?.extension).toEqual([
      { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 3 },
    ]);
  });

  it('writes a completed PHQ-9 as a valid QuestionnaireResponse that points at its Questionnaire', () => {
    const answers: Answers = Object.fromEntries(
      PHQ_9.items.map((item, index) => [item.id, index % 4]),
    );
    const response = toFhirQuestionnaireResponse(
      PHQ_9,
      {
        id: 'a1b2c3',
        clientId: 'c-42',
        status: 'completed',
        authored: '2026-11-20T15:04:00.000Z',
        answers,
      },
      BASE,
    );
    expect(problems(response)).toEqual([]);
    expect(response).toMatchObject({
      status: 'completed',
      questionnaire: 'https://cairn.example.org/api/fhir/Questionnaire/phq-9|1',
      subject: { reference: 'Patient/c-42' },
    });
    expect(response.item?.find((item) => item.linkId === 'phq9-2')?.answer).toEqual([
      {
        valueCoding: {
          system: 'http://loinc.org',
          code: 'LA6569-3',
          display: 'Several days',
          extension: [
            { url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue', valueDecimal: 1 },
          ],
        },
      },
    ]);
  });

  it('writes booleans, several choices and text for a form, and leaves out unanswered items', () => {
    const response = toFhirQuestionnaireResponse(
      BETRAYAL_HISTORY,
      {
        id: 'f1',
        clientId: 'c-1',
        status: 'in_progress',
        authored: '2026-11-20T15:04:00.000Z',
        answers: {
          'bah-betrayal-kinds': ['infidelity_current', 'family'],
          'bah-neglect': true,
          'bah-betrayal-note': 'Found messages.',
        },
      },
      BASE,
    );
    expect(problems(response)).toEqual([]);
    expect(response.status).toBe('in-progress');
    expect((response.item ?? []).map((item) => [item.linkId, item.answer?.length])).toEqual([
      ['bah-betrayal-kinds', 2],
      ['bah-betrayal-note', 1],
      ['bah-neglect', 1],
    ]);
  });

  it('codes the PHQ-9 difficulty item with its LOINC answer codes', () => {
    const difficulty = toFhirQuestionnaire(PHQ_9, BASE).item?.find(
      (item) => item.linkId === 'phq9-difficulty',
    );
    expect(difficulty?.answerOption?.map((option) => option.valueCoding?.code)).toEqual([
      'LA6572-7',
      'LA6573-5',
      'LA6575-0',
      'LA6574-3',
    ]);
  });

  it('gives reverse-scored items the ordinal value they count for', () => {
    const reversed = TRUST_PATTERNS.items.find((item) => item.kind === 'scale' && item.reverse);
    expect(reversed).toBeDefined();
    const option = toFhirQuestionnaire(TRUST_PATTERNS, BASE)
      .item?.find((item) => item.linkId === reversed?.id)
      ?.answerOption?.find((candidate) => candidate.valueCoding?.code === '0');
    expect(option?.extension?.[0]?.valueDecimal).toBe(4);
  });

  it('writes a cancelled administration as stopped, with its author, source and index event', () => {
    const response = toFhirQuestionnaireResponse(
      PCL_5,
      {
        id: 'p1',
        clientId: 'c-1',
        status: 'cancelled',
        authored: '2026-11-20T15:04:00.000Z',
        answers: { [PCL_5.items[0]?.id ?? '']: 2 },
        indexEvent: { description: 'Finding the messages', occurredOn: '2026-08-14' },
        author: { reference: 'Patient/c-1' },
        source: { reference: 'Patient/c-1' },
      },
      BASE,
    );
    expect(problems(response)).toEqual([]);
    expect(response).toMatchObject({
      status: 'stopped',
      author: { reference: 'Patient/c-1' },
      source: { reference: 'Patient/c-1' },
    });
    expect(response.item?.slice(0, 2)).toEqual([
      {
        linkId: 'index-event',
        text: 'The event these answers are about',
        answer: [{ valueString: 'Finding the messages' }],
      },
      {
        linkId: 'index-event-date',
        text: 'When it happened',
        answer: [{ valueDate: '2026-08-14' }],
      },
    ]);
  });

  function observationOf(definition: InstrumentDefinition, answers: Answers) {
    const score = scoreAnswers(definition, answers);
    return toFhirObservation(
      definition,
      {
        assessmentId: 'a-1',
        clientId: 'c-1',
        effective: '2026-11-20T15:04:00.000Z',
        total: score.total,
        severity: score.severity,
        subscales: score.subscales,
        change: { delta: -7, reliable: 'improvement', meaningful: null },
      },
      BASE,
    );
  }
  const allAt = (definition: InstrumentDefinition, value: number): Answers =>
    Object.fromEntries(
      definition.items.filter((item) => item.kind === 'scale').map((item) => [item.id, value]),
    );

  it.each([
    ['PHQ-9', PHQ_9, 'http://loinc.org', '44261-6'],
    ['GAD-7', GAD_7, 'http://loinc.org', '70274-6'],
    ['PCL-5', PCL_5, 'https://cairn.example.org/fhir/CodeSystem/instrument-scores', 'pcl-5-total'],
  ] as const)(
    'codes the %s total exactly (LOINC only where verified)',
    (_code, definition, system, code) => {
      const observation = observationOf(definition, allAt(definition, 1));
      expect(problems(observation ?? {})).toEqual([]);
      expect(observation?.code.coding).toEqual([
        { system, code, display: `${definition.shortTitle} total` },
      ]);
    },
  );

  it('writes a score as an Observation: total, band, clusters, derived from the response, reliable change', () => {
    const observation = observationOf(PCL_5, allAt(PCL_5, 2));
    expect(observation).toMatchObject({
      resourceType: 'Observation',
      status: 'final',
      subject: { reference: 'Patient/c-1' },
      valueQuantity: { value: 40, unit: '{score}' },
      derivedFrom: [{ reference: 'QuestionnaireResponse/a-1' }],
      extension: [
        {
          url: 'https://cairn.example.org/fhir/StructureDefinition/reliable-change',
          valueCode: 'improvement',
        },
      ],
    });
    expect(observation?.component?.map((component) => component.valueQuantity?.value)).toEqual([
      10, 4, 14, 12,
    ]);
    expect(observation?.note?.[0]?.text).toBe(
      'Reliable improvement since the previous administration: 7 points lower.',
    );
    expect(observationOf(PHQ_9, allAt(PHQ_9, 3))?.interpretation?.[0]?.text).toBe('Severe');
  });

  it('writes no Observation for a form, which has no score', () => {
    expect(observationOf(BETRAYAL_HISTORY, {})).toBeNull();
  });

  it('is caught by the validators when it is wrong (the check can fail)', () => {
    const broken = { ...toFhirQuestionnaire(PHQ_9, BASE), status: 'published' };
    expect(problems(broken).length).toBeGreaterThan(0);
  });
});
