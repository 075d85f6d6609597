import type { Answers } from './definition';
import { findInstrument, INSTRUMENTS } from './registry';
import { evaluateSafetyScreen, SAFETY_SCREEN, safetyScreenProblems } from './safety-screen';

const QUESTION_IDS = SAFETY_SCREEN.items.filter((item) => item.required).map((item) => item.id);

function allNo(overrides: Answers = {}): Answers {
  return { ...Object.fromEntries(QUESTION_IDS.map((id) => [id, 'no'])), ...overrides };
}

describe('the safety screen before conjoint work', () => {
  it('asks about each area of violence and coercive control', () => {
    expect(QUESTION_IDS).toEqual([
      'physical',
      'fear',
      'threats',
      'monitoring',
      'money',
      'movement',
      'sexual',
      'weapons',
      'conjoint',
    ]);
  });

  it('is not an instrument: never listed, trended or administered as an assessment', () => {
    expect(findInstrument(SAFETY_SCREEN.code)).toBeUndefined();
    expect(INSTRUMENTS).not.toContain(SAFETY_SCREEN);
    expect(SAFETY_SCREEN.clinicalAid).toBe(true);
  });

  it('needs no review when every answer is "No"', () => {
    expect(evaluateSafetyScreen(allNo())).toEqual({
      needsReview: false,
      urgent: false,
      concerns: [],
      missing: [],
      complete: true,
    });
  });

  it.each(['yes', 'unsure', 'private'])('asks for a review on any "%s"', (answer) => {
    const result = evaluateSafetyScreen(allNo({ money: answer }));
    expect(result.needsReview).toBe(true);
    expect(result.concerns).toEqual([{ itemId: 'money', area: 'Control of money', answer }]);
  });

  it('asks for a review when something is written to the therapist', () => {
    const result = evaluateSafetyScreen(allNo({ anythingElse: 'Things got bad last spring.' }));
    expect(result.needsReview).toBe(true);
    expect(result.urgent).toBe(false);
    expect(evaluateSafetyScreen(allNo({ anythingElse: '   ' })).needsReview).toBe(false);
  });

  it.each(['physical', 'threats', 'sexual', 'weapons'])('is urgent on "Yes" to %s', (itemId) => {
    expect(evaluateSafetyScreen(allNo({ [itemId]: 'yes' })).urgent).toBe(true);
    expect(evaluateSafetyScreen(allNo({ [itemId]: 'unsure' })).urgent).toBe(false);
  });

  it('is not urgent on fear, monitoring or control alone, but still asks for a review', () => {
    const result = evaluateSafetyScreen(allNo({ fear: 'yes', monitoring: 'yes', movement: 'yes' }));
    expect(result).toMatchObject({ needsReview: true, urgent: false });
    expect(result.concerns.map((concern) => concern.itemId)).toEqual([
      'fear',
      'monitoring',
      'movement',
    ]);
  });

  it('names the questions still unanswered, and the free text is optional', () => {
    const result = evaluateSafetyScreen({ physical: 'no', fear: 'no' });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(QUESTION_IDS.slice(2));
    expect(evaluateSafetyScreen(allNo()).missing).toEqual([]);
  });

  it('refuses unknown questions and answers outside the options', () => {
    expect(safetyScreenProblems({ physical: 'maybe', other: 'no' }).map((p) => p.itemId)).toEqual([
      'physical',
      'other',
    ]);
    expect(safetyScreenProblems(allNo())).toEqual([]);
  });

  it('words monitoring as control the person cannot refuse, not agreed transparency', () => {
    const monitoring = SAFETY_SCREEN.items.find((item) => item.id === 'monitoring');
    expect(monitoring?.text).toMatch(/not agreed to, or feel you cannot refuse/);
  });
});
