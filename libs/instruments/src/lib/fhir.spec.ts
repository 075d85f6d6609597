import JsonSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { Fhir } from 'fhir';
import { Severities } from 'fhir/validator';
import type { Answers, InstrumentDefinition } from './definition';
import { BETRAYAL_HISTORY } from './definitions/betrayal-history';
import { PHQ_9 } from './definitions/phq-9';
import { toFhirQuestionnaire, toFhirQuestionnaireResponse } from './fhir';
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
      expect(questionnaire.item).toHaveLength(definition.items.length);
    },
  );

  it('codes the PHQ-9 with its verified LOINC panel, item and answer codes', () => {
    const questionnaire = toFhirQuestionnaire(PHQ_9, BASE);
    expect(questionnaire.code).toEqual([
      { system: 'http://loinc.org', code: '44249-1', display: PHQ_9.title },
    ]);
    const item9 = questionnaire.item.find((item) => item.linkId === 'phq9-9');
    expect(item9?.code?.[0]?.code).toBe('44260-8');
    expect(item9?.answerOption?.map((option) => option.valueCoding.code)).toEqual([
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
        completed: true,
        authored: '2026-11-20T15:04:00.000Z',
        answers,
      },
      BASE,
    );
    expect(problems(response)).toEqual([]);
    expect(response).toMatchObject({
      status: 'completed',
      questionnaire: 'https://cairn.example.org/fhir/Questionnaire/phq-9|1',
      subject: { reference: 'Patient/c-42' },
    });
    expect(response.item.find((item) => item.linkId === 'phq9-2')?.answer).toEqual([
      { valueCoding: { system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' } },
    ]);
  });

  it('writes booleans, several choices and text for a form, and leaves out unanswered items', () => {
    const response = toFhirQuestionnaireResponse(
      BETRAYAL_HISTORY,
      {
        id: 'f1',
        clientId: 'c-1',
        completed: false,
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
    expect(response.item.map((item) => [item.linkId, item.answer.length])).toEqual([
      ['bah-betrayal-kinds', 2],
      ['bah-betrayal-note', 1],
      ['bah-neglect', 1],
    ]);
  });

  it('is caught by the validators when it is wrong (the check can fail)', () => {
    const broken = { ...toFhirQuestionnaire(PHQ_9, BASE), status: 'published' };
    expect(problems(broken).length).toBeGreaterThan(0);
  });
});
