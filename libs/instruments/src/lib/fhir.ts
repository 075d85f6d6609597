import type {
  Coding,
  Extension,
  Observation,
  ObservationComponent,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from 'fhir/r4';
import type { ChangeAssessment } from './change';
import type { Answers, InstrumentDefinition, InstrumentItem, ResponseOption } from './definition';
import { scaleMax } from './definition';

/** FHIR R4 as published (the `@types/fhir` definitions), under the names Cairn used before. */
export type FhirCoding = Coding;
export type FhirQuestionnaire = Questionnaire;
export type FhirQuestionnaireItem = QuestionnaireItem;
export type FhirQuestionnaireResponse = QuestionnaireResponse;
export type FhirObservation = Observation;

export type AdministrationStatus = 'in_progress' | 'completed' | 'cancelled';

export interface ResponseFacts {
  id: string;
  clientId: string;
  status: AdministrationStatus;
  authored: string;
  answers: Answers;
  /** What a PCL-5 was answered about. */
  indexEvent?: { description: string; occurredOn: string | null } | null;
  /** Who gave the answers: the client (portal) or the therapist entering them in session. */
  author?: Reference;
  /** Whose answers they are: the client in the portal, the therapist in session. */
  source?: Reference;
}

export const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

/** The ids of the items Cairn adds around an instrument's own items. */
export const INSTRUCTIONS_LINK_ID = 'instructions';
export const INDEX_EVENT_LINK_ID = 'index-event';
export const INDEX_EVENT_DATE_LINK_ID = 'index-event-date';

export function fhirId(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** Where Cairn's own code systems and extensions live (stable per installation). */
export function cairnSystem(base: string, name: string): string {
  return `${base}/fhir/CodeSystem/${name}`;
}

export function cairnExtension(base: string, name: string): string {
  return `${base}/fhir/StructureDefinition/${name}`;
}

/** The canonical URL is the API's FHIR read, so resolving it answers with the resource itself. */
export function questionnaireUrl(definition: InstrumentDefinition, base: string): string {
  return `${base}/api/fhir/Questionnaire/${fhirId(definition.code)}`;
}

function optionCoding(
  definition: InstrumentDefinition,
  base: string,
  scale: string,
  option: ResponseOption,
): Coding {
  return option.loinc
    ? { system: LOINC, code: option.loinc, display: option.label }
    : {
        system: cairnSystem(base, `${fhirId(definition.code)}-${scale}`),
        code: String(option.value),
        display: option.label,
      };
}

/** The value an option counts for: reverse-scored items count (max − value). */
function ordinalOf(definition: InstrumentDefinition, item: InstrumentItem, value: number): number {
  return item.kind === 'scale' && item.reverse ? scaleMax(definition, item) - value : value;
}

function ordinalExtension(value: number): Extension[] {
  return [{ url: ORDINAL_VALUE, valueDecimal: value }];
}

function choiceCoding(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
  value: string,
  label: string,
): Coding {
  return {
    system: cairnSystem(base, `${fhirId(definition.code)}-${item.id}`),
    code: value,
    display: label,
  };
}

function questionnaireItem(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
): QuestionnaireItem {
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
          extension: ordinalExtension(ordinalOf(definition, item, option.value)),
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

function indexEventItems(definition: InstrumentDefinition): QuestionnaireItem[] {
  if (!definition.asksIndexEvent) return [];
  return [
    {
      linkId: INDEX_EVENT_LINK_ID,
      text: 'The event these answers are about',
      type: 'string',
      required: true,
    },
    { linkId: INDEX_EVENT_DATE_LINK_ID, text: 'When it happened', type: 'date', required: false },
  ];
}

/**
 * The instrument as a FHIR R4 Questionnaire: its instructions (which carry the time frame, "over
 * the last 2 weeks") as a display item first, the event it is answered about where it asks one,
 * then its items.
 */
export function toFhirQuestionnaire(definition: InstrumentDefinition, base: string): Questionnaire {
  return {
    resourceType: 'Questionnaire',
    id: fhirId(definition.code),
    url: questionnaireUrl(definition, base),
    version: definition.version,
    name: definition.code.replace(/[^A-Za-z0-9]/g, ''),
    title: definition.title,
    status: 'active',
    subjectType: ['Patient'],
    description: definition.measures,
    purpose: definition.instructions,
    copyright: `${definition.copyright} ${definition.licence}`,
    ...(definition.loinc?.panel
      ? { code: [{ system: LOINC, code: definition.loinc.panel, display: definition.title }] }
      : {}),
    item: [
      { linkId: INSTRUCTIONS_LINK_ID, type: 'display', text: definition.instructions },
      ...indexEventItems(definition),
      ...definition.items.map((item) => questionnaireItem(definition, base, item)),
    ],
  };
}

function answersFor(
  definition: InstrumentDefinition,
  base: string,
  item: InstrumentItem,
  value: unknown,
): QuestionnaireResponseItemAnswer[] {
  switch (item.kind) {
    case 'scale': {
      const option = (definition.scales[item.scale] ?? []).find(
        (candidate) => candidate.value === value,
      );
      return option
        ? [
            {
              valueCoding: {
                ...optionCoding(definition, base, item.scale, option),
                extension: ordinalExtension(ordinalOf(definition, item, option.value)),
              },
            },
          ]
        : [];
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

function indexEventAnswers(facts: ResponseFacts): QuestionnaireResponseItem[] {
  const event = facts.indexEvent;
  if (!event) return [];
  return [
    {
      linkId: INDEX_EVENT_LINK_ID,
      text: 'The event these answers are about',
      answer: [{ valueString: event.description }],
    },
    ...(event.occurredOn
      ? [
          {
            linkId: INDEX_EVENT_DATE_LINK_ID,
            text: 'When it happened',
            answer: [{ valueDate: event.occurredOn }],
          },
        ]
      : []),
  ];
}

const RESPONSE_STATUS = {
  in_progress: 'in-progress',
  completed: 'completed',
  // A cancelled administration was given up part way: FHIR's `stopped`.
  cancelled: 'stopped',
} as const satisfies Record<AdministrationStatus, QuestionnaireResponse['status']>;

/** One administration as a FHIR R4 QuestionnaireResponse about the client (as a Patient). */
export function toFhirQuestionnaireResponse(
  definition: InstrumentDefinition,
  facts: ResponseFacts,
  base: string,
): QuestionnaireResponse {
  const items: QuestionnaireResponseItem[] = [
    ...indexEventAnswers(facts),
    ...definition.items.map((item) => ({
      linkId: item.id,
      text: item.text,
      answer: answersFor(definition, base, item, facts.answers[item.id]),
    })),
  ].filter((item) => (item.answer?.length ?? 0) > 0);
  return {
    resourceType: 'QuestionnaireResponse',
    id: facts.id,
    questionnaire: `${questionnaireUrl(definition, base)}|${definition.version}`,
    status: RESPONSE_STATUS[facts.status],
    subject: { reference: `Patient/${facts.clientId}` },
    authored: facts.authored,
    ...(facts.author ? { author: facts.author } : {}),
    ...(facts.source ? { source: facts.source } : {}),
    ...(items.length > 0 ? { item: items } : {}),
  };
}

/** A completed score, as the API stored it at completion. */
export interface ScoreFacts {
  /** The administration's id: the Observation shares it, and derives from its response. */
  assessmentId: string;
  clientId: string;
  effective: string;
  total: number | null;
  severity: { label: string; level: number } | null;
  subscales: { id: string; label: string; score: number | null }[];
  /** Against the previous completed administration of the same instrument, if there was one. */
  change: ChangeAssessment | null;
  performer?: Reference;
}

function scoreQuantity(value: number) {
  return { value, unit: '{score}', system: UCUM, code: '{score}' };
}

/** The total's code: LOINC where it is verified in the definition, Cairn's own otherwise. */
export function totalCoding(definition: InstrumentDefinition, base: string): Coding {
  return definition.loinc?.total
    ? { system: LOINC, code: definition.loinc.total, display: `${definition.shortTitle} total` }
    : {
        system: cairnSystem(base, 'instrument-scores'),
        code: `${fhirId(definition.code)}-total`,
        display: `${definition.shortTitle} total`,
      };
}

function changeWords(change: ChangeAssessment): string {
  const points = Math.abs(Math.round(change.delta * 100) / 100);
  const way = change.delta < 0 ? 'lower' : 'higher';
  const judgement = change.reliable
    ? `Reliable ${change.reliable}`
    : 'No reliable change (within measurement error)';
  return `${judgement} since the previous administration: ${points} points ${way}.`;
}

/**
 * A completed score as a FHIR R4 Observation, after US Core's screening-assessment profile: a
 * `survey` observation with the total as its value, the severity band as its interpretation,
 * subscales (PCL-5 clusters) as components, derived from the QuestionnaireResponse, and the
 * reliable-change judgement against the previous administration as an extension and a note.
 * Null for a form, which has nothing to score.
 */
export function toFhirObservation(
  definition: InstrumentDefinition,
  facts: ScoreFacts,
  base: string,
): Observation | null {
  const subscales = facts.subscales.filter(
    (subscale): subscale is { id: string; label: string; score: number } => subscale.score !== null,
  );
  if (definition.kind !== 'scored' || (facts.total === null && subscales.length === 0)) return null;
  const components: ObservationComponent[] = subscales.map((subscale) => ({
    code: {
      coding: [
        {
          system: cairnSystem(base, 'instrument-scores'),
          code: `${fhirId(definition.code)}-${fhirId(subscale.id)}`,
          display: subscale.label,
        },
      ],
      text: subscale.label,
    },
    valueQuantity: scoreQuantity(subscale.score),
  }));
  const coding = totalCoding(definition, base);
  return {
    resourceType: 'Observation',
    id: facts.assessmentId,
    ...(facts.change
      ? {
          extension: [
            {
              url: cairnExtension(base, 'reliable-change'),
              valueCode: facts.change.reliable ?? 'none',
            },
          ],
        }
      : {}),
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [coding], text: coding.display },
    subject: { reference: `Patient/${facts.clientId}` },
    effectiveDateTime: facts.effective,
    ...(facts.performer ? { performer: [facts.performer] } : {}),
    ...(facts.total !== null ? { valueQuantity: scoreQuantity(facts.total) } : {}),
    ...(facts.severity
      ? {
          interpretation: [
            {
              coding: [
                {
                  system: cairnSystem(base, `${fhirId(definition.code)}-severity`),
                  code: String(facts.severity.level),
                  display: facts.severity.label,
                },
              ],
              text: facts.severity.label,
            },
          ],
        }
      : {}),
    ...(facts.change ? { note: [{ text: changeWords(facts.change) }] } : {}),
    derivedFrom: [{ reference: `QuestionnaireResponse/${facts.assessmentId}` }],
    ...(components.length > 0 ? { component: components } : {}),
  };
}
