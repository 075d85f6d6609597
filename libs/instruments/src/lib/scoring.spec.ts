import type { Answers, InstrumentDefinition } from './definition';
import { GAD_7 } from './definitions/gad-7';
import { PCL_5 } from './definitions/pcl-5';
import { PHQ_9 } from './definitions/phq-9';
import { TRUST_PATTERNS } from './definitions/trust-patterns';
import { scoreAnswers, validateAnswers } from './scoring';

/** Answers every item of the total with one value, or with a value per item. */
function answerAll(definition: InstrumentDefinition, values: number | number[]): Answers {
  const ids = definition.items
    .filter((item) => item.kind === 'scale' && !item.unscored)
    .map((item) => item.id);
  return Object.fromEntries(
    ids.map((id, index) => [id, Array.isArray(values) ? (values[index] ?? 0) : values]),
  );
}

describe('PHQ-9 (Kroenke 2001)', () => {
  it('scores all zeros as 0, minimal, with no risk flag', () => {
    const result = scoreAnswers(PHQ_9, answerAll(PHQ_9, 0));
    expect(result).toMatchObject({
      total: 0,
      complete: true,
      severity: { label: 'Minimal' },
      risks: [],
    });
  });

  it('scores all threes as 27, severe, and raises the item-9 risk flag', () => {
    const result = scoreAnswers(PHQ_9, answerAll(PHQ_9, 3));
    expect(result.total).toBe(27);
    expect(result.severity?.label).toBe('Severe');
    expect(result.risks).toEqual([
      expect.objectContaining({ ruleId: 'phq9-item9', itemId: 'phq9-9', value: 3 }),
    ]);
  });

  it.each([
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'Mild'],
    [[2, 2, 1, 1, 1, 1, 1, 1, 0], 10, 'Moderate'],
    [[2, 2, 2, 2, 2, 2, 1, 1, 1], 15, 'Moderately severe'],
    [[3, 3, 2, 2, 2, 2, 2, 2, 2], 20, 'Severe'],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'Minimal'],
  ])('scores %j as %i (%s), at the band boundaries', (values, total, band) => {
    const result = scoreAnswers(PHQ_9, answerAll(PHQ_9, values));
    expect(result.total).toBe(total);
    expect(result.severity?.label).toBe(band);
  });

  it('raises the risk flag on item 9 above 0 even with a minimal total', () => {
    const result = scoreAnswers(PHQ_9, answerAll(PHQ_9, [0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(result.total).toBe(1);
    expect(result.severity?.label).toBe('Minimal');
    expect(result.risks.map((risk) => risk.ruleId)).toEqual(['phq9-item9']);
  });

  it('raises the risk flag as soon as item 9 is answered, before the rest', () => {
    const result = scoreAnswers(PHQ_9, { 'phq9-9': 2 });
    expect(result.complete).toBe(false);
    expect(result.risks).toHaveLength(1);
  });

  it('gives no total while items are missing, names them, and keeps a running sum', () => {
    const answers = answerAll(PHQ_9, 2);
    delete answers['phq9-4'];
    delete answers['phq9-7'];
    const result = scoreAnswers(PHQ_9, answers);
    expect(result).toMatchObject({
      total: null,
      severity: null,
      complete: false,
      missing: ['phq9-4', 'phq9-7'],
      partialTotal: 14,
    });
  });

  it('leaves the difficulty question out of the score and does not require it', () => {
    const result = scoreAnswers(PHQ_9, { ...answerAll(PHQ_9, 1), 'phq9-difficulty': 3 });
    expect(result.total).toBe(9);
    expect(result.complete).toBe(true);
  });

  it('marks the screening cut-off of 10', () => {
    expect(
      scoreAnswers(PHQ_9, answerAll(PHQ_9, [2, 2, 1, 1, 1, 1, 1, 1, 0])).cutoffsReached,
    ).toHaveLength(1);
    expect(
      scoreAnswers(PHQ_9, answerAll(PHQ_9, [2, 2, 1, 1, 1, 1, 1, 0, 0])).cutoffsReached,
    ).toHaveLength(0);
  });
});

describe('GAD-7 (Spitzer 2006)', () => {
  it.each([
    [0, 0, 'Minimal'],
    [3, 21, 'Severe'],
  ])('scores all %i as %i (%s)', (value, total, band) => {
    const result = scoreAnswers(GAD_7, answerAll(GAD_7, value));
    expect(result.total).toBe(total);
    expect(result.severity?.label).toBe(band);
  });

  it.each([
    [[1, 1, 1, 1, 1, 0, 0], 5, 'Mild'],
    [[2, 2, 2, 1, 1, 1, 1], 10, 'Moderate'],
    [[3, 2, 2, 2, 2, 2, 2], 15, 'Severe'],
    [[2, 1, 1, 1, 1, 1, 2], 9, 'Mild'],
  ])('scores %j as %i (%s)', (values, total, band) => {
    const result = scoreAnswers(GAD_7, answerAll(GAD_7, values));
    expect(result.total).toBe(total);
    expect(result.severity?.label).toBe(band);
  });

  it('has no risk rules: no GAD-7 answer raises a flag', () => {
    expect(scoreAnswers(GAD_7, answerAll(GAD_7, 3)).risks).toEqual([]);
  });
});

describe('PCL-5 (Weathers 2013; Blevins 2015)', () => {
  it('scores all zeros as 0 and all fours as 80, with cluster sums, and shows no severity band', () => {
    const low = scoreAnswers(PCL_5, answerAll(PCL_5, 0));
    const high = scoreAnswers(PCL_5, answerAll(PCL_5, 4));
    expect(low.total).toBe(0);
    expect(high.total).toBe(80);
    expect(high.subscales.map((subscale) => [subscale.id, subscale.score])).toEqual([
      ['B', 20],
      ['C', 8],
      ['D', 28],
      ['E', 24],
    ]);
    expect(high.severity).toBeNull();
    expect(high.diagnostic).toEqual([expect.objectContaining({ id: 'dsm5-clusters', met: true })]);
  });

  it('meets the DSM-5 rule with exactly 1 B, 1 C, 2 D and 2 E items rated 2 or more', () => {
    const values = Array<number>(20).fill(1);
    for (const item of [1, 6, 8, 9, 15, 16]) values[item - 1] = 2;
    const result = scoreAnswers(PCL_5, answerAll(PCL_5, values));
    expect(result.total).toBe(26);
    expect(result.diagnostic[0]?.met).toBe(true);
    expect(result.cutoffsReached).toEqual([]);
  });

  it('does not meet the rule with only 1 D item endorsed, however high the rest', () => {
    const values = Array<number>(20).fill(4);
    for (const item of [8, 9, 10, 11, 12, 13]) values[item - 1] = 1;
    const result = scoreAnswers(PCL_5, answerAll(PCL_5, values));
    expect(result.subscales.find((subscale) => subscale.id === 'D')?.score).toBe(10);
    expect(result.diagnostic[0]?.met).toBe(false);
    expect(result.cutoffsReached.map((cutoff) => cutoff.score)).toEqual([31]);
  });

  it('reaches the 31-33 cut-off range at 31', () => {
    const values = Array<number>(20).fill(1);
    for (const item of Array.from({ length: 11 }, (_, index) => index + 1)) values[item - 1] = 2;
    expect(scoreAnswers(PCL_5, answerAll(PCL_5, values)).total).toBe(31);
    expect(scoreAnswers(PCL_5, answerAll(PCL_5, values)).cutoffsReached).toHaveLength(1);
  });

  it('says the DSM-5 rule is not yet known while unfinished, unless already met', () => {
    const firstTen = Object.fromEntries(
      Array.from({ length: 10 }, (_, index) => [`pcl5-${index + 1}`, 0]),
    );
    expect(scoreAnswers(PCL_5, firstTen).diagnostic[0]?.met).toBeNull();
    const alreadyMet: Answers = { 'pcl5-1': 3, 'pcl5-6': 2, 'pcl5-8': 2, 'pcl5-9': 4 };
    alreadyMet['pcl5-15'] = 2;
    alreadyMet['pcl5-16'] = 2;
    expect(scoreAnswers(PCL_5, alreadyMet).total).toBeNull();
    expect(scoreAnswers(PCL_5, alreadyMet).diagnostic[0]?.met).toBe(true);
  });

  it('never raises a risk flag: item 16 is risk-taking, not suicidality', () => {
    expect(scoreAnswers(PCL_5, answerAll(PCL_5, 4)).risks).toEqual([]);
  });
});

describe('Trust Patterns Inventory (Cairn clinical aid)', () => {
  it('scores each pattern as the mean of its items, 0 to 4, with reverse items reversed', () => {
    const zeros = scoreAnswers(TRUST_PATTERNS, answerAll(TRUST_PATTERNS, 0));
    const distance = zeros.subscales.find((subscale) => subscale.id === 'distance');
    // Items 4 and 5 are 0; item 6 ("I let the people closest to me see how I really feel") is
    // reversed, so answering "never" scores 4: mean (0 + 0 + 4) / 3.
    expect(distance?.score).toBe(1.33);
    expect(zeros.subscales.find((subscale) => subscale.id === 'expecting')?.score).toBe(0);

    const fours = scoreAnswers(TRUST_PATTERNS, answerAll(TRUST_PATTERNS, 4));
    expect(fours.subscales.find((subscale) => subscale.id === 'jealousy')?.score).toBe(2.67);
    expect(fours.subscales.find((subscale) => subscale.id === 'checking')?.score).toBe(4);
  });

  it('has no total, no bands and no change threshold: it is not a validated instrument', () => {
    const result = scoreAnswers(TRUST_PATTERNS, answerAll(TRUST_PATTERNS, 2));
    expect(result.total).toBeNull();
    expect(result.severity).toBeNull();
    expect(TRUST_PATTERNS.clinicalAid).toBe(true);
    expect(TRUST_PATTERNS.reliableChange).toBeUndefined();
  });

  it('leaves a pattern unscored while one of its items is unanswered', () => {
    const answers = answerAll(TRUST_PATTERNS, 2);
    delete answers['tpi-10'];
    const result = scoreAnswers(TRUST_PATTERNS, answers);
    expect(result.subscales.find((subscale) => subscale.id === 'checking')?.score).toBeNull();
    expect(result.missing).toEqual(['tpi-10']);
  });
});

describe('validateAnswers', () => {
  it('names an unknown item and values outside the options', () => {
    expect(
      validateAnswers(PHQ_9, {
        'phq9-1': 4,
        'phq9-2': '1',
        'phq9-99': 1,
        'phq9-3': 2,
      }),
    ).toEqual([
      { itemId: 'phq9-1', problem: 'phq9-1 must be one of 0, 1, 2, 3' },
      { itemId: 'phq9-2', problem: 'phq9-2 must be one of 0, 1, 2, 3' },
      { itemId: 'phq9-99', problem: 'phq9-99 is not an item of PHQ-9' },
    ]);
  });
});
