import type { InstrumentItem } from '@cairn/instruments';
import { firstOpenQuestion } from './questionnaire-form.component';

const items = ['q1', 'q2', 'q3'].map((id) => ({ id }) as InstrumentItem);

describe('one question at a time', () => {
  it('opens at the first unanswered question', () => {
    expect(firstOpenQuestion(items, {})).toBe(0);
    expect(firstOpenQuestion(items, { q1: 1, q3: 2 })).toBe(1);
  });

  it('opens at the last question when all are answered, never back at the first', () => {
    expect(firstOpenQuestion(items, { q1: 1, q2: 0, q3: 2 })).toBe(2);
    expect(firstOpenQuestion([], {})).toBe(0);
  });
});
