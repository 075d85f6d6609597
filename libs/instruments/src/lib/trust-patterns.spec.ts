import type { Answers, InstrumentDefinition } from './definition';
import { SELF_TRUST } from './definitions/self-trust';
import { TRUST_PATTERNS } from './definitions/trust-patterns';
import { TRUST_PATTERNS_V1, TRUST_PATTERNS_V2 } from './definitions/trust-patterns-v2';
import { changeBetween } from './change';
import { findInstrument } from './registry';
import { interpretAnswers, scoreAnswers } from './scoring';

/** Answers each rated item by its position (1-based) with the value given, the rest with `rest`. */
function rated(
  definition: InstrumentDefinition,
  values: Record<number, number>,
  rest = 0,
): Answers {
  const scaleItems = definition.items.filter((item) => item.kind === 'scale');
  return Object.fromEntries(scaleItems.map((item, index) => [item.id, values[index + 1] ?? rest]));
}

const score = (definition: InstrumentDefinition, answers: Answers, id: string) =>
  scoreAnswers(definition, answers).subscales.find((subscale) => subscale.id === id)?.score;

describe('Trust Patterns Inventory, version 1 and version 2 side by side', () => {
  it('serves version 2 under the same code, and still finds version 1 by its version', () => {
    expect(findInstrument('TPI')?.version).toBe('2');
    expect(findInstrument('TPI', '2')).toBe(TRUST_PATTERNS_V2);
    expect(findInstrument('TPI', '1')).toBe(TRUST_PATTERNS_V1);
    expect(findInstrument('TPI', '3')).toBeUndefined();
  });

  it('keeps version 1 exactly as it was given and scored', () => {
    expect(TRUST_PATTERNS_V1.items).toBe(TRUST_PATTERNS.items);
    expect(TRUST_PATTERNS_V1.subscales).toBe(TRUST_PATTERNS.subscales);
    expect(TRUST_PATTERNS_V1.items[9]?.text).toBe(
      "I check a partner's phone, messages or accounts.",
    );
    expect(TRUST_PATTERNS_V1.subscales.find((s) => s.id === 'checking')?.label).toBe(
      'Testing and checking',
    );
  });

  it('scores the same answers the same way in both versions: means of 0-4, reverse items reversed', () => {
    // "Always" on every statement: the two positively worded ones count 0.
    const v1 = rated(TRUST_PATTERNS_V1, {}, 4);
    const v2 = rated(TRUST_PATTERNS_V2, {}, 4);
    for (const id of ['expecting', 'cues', 'checking', 'sabotage', 'burden']) {
      expect(score(TRUST_PATTERNS_V1, v1, id)).toBe(4);
      expect(score(TRUST_PATTERNS_V2, v2, id)).toBe(4);
    }
    expect(score(TRUST_PATTERNS_V1, v1, 'distance')).toBe(2.67);
    expect(score(TRUST_PATTERNS_V2, v2, 'distance')).toBe(2.67);
    expect(score(TRUST_PATTERNS_V2, v2, 'jealousy')).toBe(2.67);
    const mixed = { 10: 4, 11: 2, 12: 1 };
    expect(score(TRUST_PATTERNS_V1, rated(TRUST_PATTERNS_V1, mixed), 'checking')).toBe(2.33);
    expect(score(TRUST_PATTERNS_V2, rated(TRUST_PATTERNS_V2, mixed), 'checking')).toBe(2.33);
  });

  it('does not score the context questions, but needs where the person stands to complete', () => {
    const answers = rated(TRUST_PATTERNS_V2, {}, 2);
    const unfinished = scoreAnswers(TRUST_PATTERNS_V2, answers);
    expect(unfinished.missing).toEqual(['tpi-context']);
    const finished = scoreAnswers(TRUST_PATTERNS_V2, { ...answers, 'tpi-context': 'none-known' });
    expect(finished.complete).toBe(true);
    expect(finished.subscales.every((subscale) => subscale.score === 2)).toBe(true);
    expect(finished.total).toBeNull();
  });

  it('names the patterns without blame: checking for safety, never testing or snooping', () => {
    const labels = TRUST_PATTERNS_V2.subscales.map((subscale) => subscale.label);
    expect(labels).toContain('Checking for safety');
    const words = [
      ...labels,
      ...TRUST_PATTERNS_V2.items.map((item) => item.text),
      TRUST_PATTERNS_V2.instructions,
    ].join(' ');
    expect(words).not.toMatch(/snoop|testing|sabotage|catch someone out|paranoi|dysfunction/i);
    expect(TRUST_PATTERNS_V2.instructions).toMatch(/last two weeks/);
  });

  it('keeps the same pattern ids, so intake on version 1 compares with version 2 later', () => {
    expect(TRUST_PATTERNS_V2.subscales.map((subscale) => subscale.id)).toEqual(
      TRUST_PATTERNS_V1.subscales.map((subscale) => subscale.id),
    );
  });

  it('reads a result in its context: the months after a discovery describe the injury', () => {
    const soon = interpretAnswers(TRUST_PATTERNS_V2, {
      'tpi-context': 'after-discovery',
      'tpi-since': '1-6-months',
    });
    expect(soon?.note).toMatch(/describe the injury and the body’s protection, not a flaw/);
    expect(soon?.context).toEqual(["After I discovered a partner's betrayal", '1 to 6 months ago']);
    expect(soon?.notes).toHaveLength(1);
    expect(soon?.notes[0]).toMatch(/within a year of a discovery/);
    const later = interpretAnswers(TRUST_PATTERNS_V2, {
      'tpi-context': 'after-disclosure',
      'tpi-since': 'over-2-years',
    });
    expect(later?.notes[0]).toMatch(/outlived its use/);
    expect(interpretAnswers(TRUST_PATTERNS_V2, { 'tpi-context': 'rather-talk' })?.notes).toEqual(
      [],
    );
  });

  it('gives version 1 results the same note, without context', () => {
    const v1 = interpretAnswers(TRUST_PATTERNS_V1, rated(TRUST_PATTERNS_V1, {}, 3));
    expect(v1?.note).toBe(TRUST_PATTERNS_V2.interpretation?.note);
    expect(v1?.context).toEqual([]);
    expect(v1?.notes).toEqual([]);
  });

  it('stays a clinical aid: no norms, cut-offs, bands or change thresholds', () => {
    expect(TRUST_PATTERNS_V2.clinicalAid).toBe(true);
    expect(TRUST_PATTERNS_V2.cutoffs).toEqual([]);
    expect(TRUST_PATTERNS_V2.severityBands).toEqual([]);
    expect(TRUST_PATTERNS_V2.reliableChange).toBeUndefined();
  });
});

describe('Self-Trust Scale (Cairn clinical aid, positive direction)', () => {
  it('is its own instrument with its own code', () => {
    expect(findInstrument('SELF-TRUST')).toBe(SELF_TRUST);
    expect(SELF_TRUST.code).not.toBe('TPI');
    expect(SELF_TRUST.higherIsBetter).toBe(true);
  });

  it('totals 0 to 48 and scores each practice as a mean of 0 to 4, with no item reversed', () => {
    expect(scoreAnswers(SELF_TRUST, rated(SELF_TRUST, {}, 0)).total).toBe(0);
    const full = scoreAnswers(SELF_TRUST, rated(SELF_TRUST, {}, 4));
    expect(full.total).toBe(48);
    expect(full.subscales.map((subscale) => subscale.score)).toEqual([4, 4, 4, 4, 4, 4]);
    expect(SELF_TRUST.items.some((item) => item.kind === 'scale' && item.reverse)).toBe(false);
  });

  it('covers the practices: promises, gut, intuition or alarm, boundaries, openness, kindness', () => {
    expect(SELF_TRUST.subscales.map((subscale) => subscale.label)).toEqual([
      'Keeping promises to myself',
      'Listening to my gut',
      'Telling intuition from alarm',
      'Holding a boundary',
      'Small safe steps of openness',
      'Self-compassion',
    ]);
    const promises = rated(SELF_TRUST, { 1: 4, 2: 2 });
    expect(score(SELF_TRUST, promises, 'promises')).toBe(3);
    expect(score(SELF_TRUST, promises, 'gut')).toBe(0);
  });

  it('reads a rise as growth: change runs the other way from symptom scales', () => {
    const withThreshold: InstrumentDefinition = {
      ...SELF_TRUST,
      reliableChange: { kind: 'points', points: 5, citation: 'test' },
    };
    expect(changeBetween(withThreshold, 12, 30)).toMatchObject({
      delta: 18,
      reliable: 'improvement',
    });
    expect(changeBetween(withThreshold, 30, 12).reliable).toBe('deterioration');
    expect(changeBetween(SELF_TRUST, 12, 30)).toEqual({
      delta: 18,
      reliable: null,
      meaningful: null,
    });
  });
});
