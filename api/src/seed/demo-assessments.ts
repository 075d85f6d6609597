import type { FieldCipher } from '../crypto/field-cipher';
import { sealedInsert } from '../crypto/sealed-fields';
import { addDays, todayIn, type Answers } from '@cairn/contracts';
import { findInstrument, scoreAnswers, type InstrumentDefinition } from '@cairn/instruments';
import type { EntityManager } from 'typeorm';
import { toResult } from '../assessments/assessment-views';
import { Assessment } from '../assessments/entities/assessment.entity';

/** Answers for a definition's rated items that add up to `total`, spread from the first item on. */
function answersTotalling(definition: InstrumentDefinition, total: number): Answers {
  const items = definition.items.flatMap((item) =>
    item.kind === 'scale' && !item.unscored ? [item] : [],
  );
  const answers: Answers = {};
  let left = total;
  items.forEach((item, index) => {
    const max = Math.max(...(definition.scales[item.scale] ?? []).map((option) => option.value));
    const share = Math.min(max, Math.ceil(left / (items.length - index)));
    answers[item.id] = share;
    left -= share;
  });
  return answers;
}

interface DemoAdministration {
  code: string;
  /** The version it was given in; the current one when absent. */
  version?: string;
  completedOn: string;
  total?: number;
  answers?: Answers;
}

/** Jordan's measures since intake: improving, as a course of therapy often goes. */
const JORDAN: DemoAdministration[] = [
  ...['2026-09-02', '2026-09-30', '2026-10-28', '2026-11-18'].flatMap((completedOn, visit) => [
    { code: 'PHQ-9', completedOn, total: [17, 14, 11, 9][visit] },
    // Given before GAD-7's instructions were corrected against the published form (version 2).
    { code: 'GAD-7', version: '1', completedOn, total: [15, 13, 10, 8][visit] },
    { code: 'PCL-5', completedOn, total: [52, 46, 38, 33][visit] },
  ]),
  {
    // Intake on version 1 of the inventory; it keeps version 1 and its scoring.
    code: 'TPI',
    version: '1',
    completedOn: '2026-09-02',
    answers: Object.fromEntries(
      [3, 3, 4, 3, 2, 1, 4, 3, 3, 4, 3, 4, 3, 4, 1, 2, 1, 2, 4, 3, 3].map((v, i) => [
        `tpi-${i + 1}`,
        v,
      ]),
    ),
  },
  {
    code: 'TPI',
    completedOn: '2026-11-18',
    answers: {
      ...Object.fromEntries(
        [2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 1, 1, 1, 2, 2, 1].map((v, i) => [
          `tpi-${i + 1}`,
          v,
        ]),
      ),
      'tpi-context': 'after-discovery',
      'tpi-since': '1-6-months',
    },
  },
  // Self-trust growing as the work goes on: the positive side of progress.
  {
    code: 'SELF-TRUST',
    completedOn: '2026-09-30',
    answers: Object.fromEntries(
      [1, 1, 2, 0, 0, 1, 1, 2, 1, 1, 0, 1].map((v, i) => [`st-${i + 1}`, v]),
    ),
  },
  {
    code: 'SELF-TRUST',
    completedOn: '2026-11-18',
    answers: Object.fromEntries(
      [3, 2, 3, 2, 2, 2, 3, 3, 2, 2, 2, 3].map((v, i) => [`st-${i + 1}`, v]),
    ),
  },
];

export async function seedDemoAssessments(
  manager: EntityManager,
  cipher: FieldCipher,
  ids: { clinicId: string; clientId: string; therapistId: string; timeZone: string },
): Promise<void> {
  for (const demo of JORDAN) {
    const definition = findInstrument(demo.code, demo.version);
    if (!definition) throw new Error(`demo seed: no ${demo.code}`);
    const answers = demo.answers ?? answersTotalling(definition, demo.total ?? 0);
    const completedAt = new Date(`${demo.completedOn}T16:00:00Z`);
    await manager.insert(
      Assessment,
      sealedInsert(cipher, Assessment, {
        clinicId: ids.clinicId,
        clientId: ids.clientId,
        instrumentCode: definition.code,
        instrumentVersion: definition.version,
        mode: 'in_session',
        status: 'completed',
        answers,
        indexEvent: definition.asksIndexEvent
          ? { description: 'Discovering the affair', occurredOn: '2026-08-14' }
          : null,
        dueOn: null,
        result: toResult(definition, scoreAnswers(definition, answers)),
        total: scoreAnswers(definition, answers).total,
        sharedWithClient: false,
        replacesId: null,
        scheduleId: null,
        createdBy: ids.therapistId,
        createdAt: completedAt,
        completedAt,
        completedBy: ids.therapistId,
      }),
    );
  }
  const gad7 = findInstrument('GAD-7');
  if (!gad7) throw new Error('demo seed: no GAD-7');
  await manager.insert(
    Assessment,
    sealedInsert(cipher, Assessment, {
      clinicId: ids.clinicId,
      clientId: ids.clientId,
      instrumentCode: gad7.code,
      instrumentVersion: gad7.version,
      mode: 'portal',
      status: 'in_progress',
      answers: {},
      indexEvent: null,
      // Relative to the first start, so the demo never opens with an overdue questionnaire.
      dueOn: addDays(todayIn(ids.timeZone), 14),
      result: null,
      total: null,
      sharedWithClient: false,
      replacesId: null,
      scheduleId: null,
      createdBy: ids.therapistId,
      completedAt: null,
      completedBy: null,
    }),
  );
}
