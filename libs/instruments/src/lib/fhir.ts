import type { Answers, InstrumentDefinition, InstrumentItem, ResponseOption } from './definition';

/** The parts of FHIR R4 Questionnaire and QuestionnaireResponse that Cairn writes. */
export interface FhirCoding {
  system: string;
  code: string;
  display: string;
}

interface FhirExtension {
  url: string;
  valueDecimal: number;
}

export interface FhirQuestionnaireItem {
  linkId: string;
  prefix?: string;
  text: string;
  type: 'choice' | 'boolean' | 'string' | 'text';
  required: boolean;
  repeats?: boolean;
  maxLength?: number;
  code?: FhirCoding[];
  answerOption?: { valueCoding: FhirCoding; extension?: FhirExtension[] }[];
}

export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  description: string;
  copyright: string;
  code?: FhirCoding[];
  item: FhirQuestionnaireItem[];
}

type FhirAnswer = { valueCoding: FhirCoding } | { valueBoolean: boolean } | { valueString: string };

export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id: string;
  questionnaire: string;
  status: 'in-progress' | 'completed';
  subject: { reference: string };
  authored: string;
  item: { linkId: string; text: string; answer: FhirAnswer[] }[];
}

export interface ResponseFacts {
  id: string;
  clientId: string;
  completed: boolean;
  authored: string;
  answers: Answers;
}

const LOINC = 'http://loinc.org';
const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

function fhirId(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

export function questionnaireUrl(definition: InstrumentDefinition, base: string): string {
  return `${base}/fhir/Questionnaire/${fhirId(definition.code)}`;
}

function optionCoding(
  definition: InstrumentDefinition,
  base: string,
  scale: string,
  option: ResponseOption,
): FhirCoding {
  return option.loinc
    ? { system: LOINC, code: option.loinc, display: option.label }
    : {
        system: `${base}/fhir/CodeSystem/${fhirId(definition.code)}-${scale}`,
        code: String(option.value),
        display: option.label,
      };
}

function choiceCoding(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
  value: string,
  label: string,
): FhirCoding {
  return {
    system: `${base}/fhir/CodeSystem/${fhirId(definition.code)}-${item.id}`,
    code: value,
    display: label,
  };
}

function questionnaireItem(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
): FhirQuestionnaireItem {
  const common = {
    linkId: item.id,
    ...(item.number ? { prefix: `${item.number}.` } : {}),
    text: item.text,
    required: item.required,
    ...(item.loinc ? { code: [{ system: LOINC, code: item.loinc, display: item.text }] } : {}),
  };
  switch (item.kind) {
    case 'scale':
      return {
        ...common,
        type: 'choice',
        answerOption: (definition.scales[item.scale] ?? []).map((option) => ({
          valueCoding: optionCoding(definition, base, item.scale, option),
          extension: [{ url: ORDINAL_VALUE, valueDecimal: option.value }],
        })),
      };
    case 'choice':
    case 'multi-choice':
      return {
        ...common,
        type: 'choice',
        ...(item.kind === 'multi-choice' ? { repeats: true } : {}),
        answerOption: item.options.map((option) => ({
          valueCoding: choiceCoding(definition, base, item, option.value, option.label),
        })),
      };
    case 'yes-no':
      return { ...common, type: 'boolean' };
    case 'text':
      return {
        ...common,
        type: item.maxLength > 200 ? 'text' : 'string',
        maxLength: item.maxLength,
      };
  }
}

/** The instrument as a FHIR R4 Questionnaire. */
export function toFhirQuestionnaire(
  definition: InstrumentDefinition,
  base: string,
): FhirQuestionnaire {
  return {
    resourceType: 'Questionnaire',
    id: fhirId(definition.code),
    url: questionnaireUrl(definition, base),
    version: definition.version,
    name: definition.code.replace(/[^A-Za-z0-9]/g, ''),
    title: definition.title,
    status: 'active',
    description: definition.measures,
    copyright: `${definition.copyright} ${definition.licence}`,
    ...(definition.loinc?.panel
      ? { code: [{ system: LOINC, code: definition.loinc.panel, display: definition.title }] }
      : {}),
    item: definition.items.map((item) => questionnaireItem(definition, base, item)),
  };
}

function answersFor(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
  value: unknown,
): FhirAnswer[] {
  switch (item.kind) {
    case 'scale': {
      const option = (definition.scales[item.scale] ?? []).find(
        (candidate) => candidate.value === value,
      );
      return option ? [{ valueCoding: optionCoding(definition, base, item.scale, option) }] : [];
    }
    case 'choice':
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : [value];
      return item.options
        .filter((option) => chosen.includes(option.value))
        .map((option) => ({
          valueCoding: choiceCoding(definition, base, item, option.value, option.label),
        }));
    }
    case 'yes-no':
      return typeof value === 'boolean' ? [{ valueBoolean: value }] : [];
    case 'text':
      return typeof value === 'string' && value.trim() ? [{ valueString: value }] : [];
  }
}

/** One administration as a FHIR R4 QuestionnaireResponse about the client (as a Patient). */
export function toFhirQuestionnaireResponse(
  definition: InstrumentDefinition,
  facts: ResponseFacts,
  base: string,
): FhirQuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: facts.id,
    questionnaire: `${questionnaireUrl(definition, base)}|${definition.version}`,
    status: facts.completed ? 'completed' : 'in-progress',
    subject: { reference: `Patient/${facts.clientId}` },
    authored: facts.authored,
    item: definition.items
      .map((item) => ({
        linkId: item.id,
        text: item.text,
        answer: answersFor(definition, base, item, facts.answers[item.id]),
      }))
      .filter((item) => item.answer.length > 0),
  };
}
