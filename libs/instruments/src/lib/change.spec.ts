import { changeBetween, thresholdPoints } from './change';
import { GAD_7 } from './definitions/gad-7';
import { PCL_5 } from './definitions/pcl-5';
import { PHQ_9 } from './definitions/phq-9';
import { TRUST_PATTERNS } from './definitions/trust-patterns';

describe('change between two administrations', () => {
  it('PHQ-9: 6 points is reliable, 5 is meaningful but not reliable', () => {
    expect(changeBetween(PHQ_9, 18, 12)).toEqual({
      delta: -6,
      reliable: 'improvement',
      meaningful: 'improvement',
    });
    expect(changeBetween(PHQ_9, 18, 13)).toEqual({
      delta: -5,
      reliable: null,
      meaningful: 'improvement',
    });
    expect(changeBetween(PHQ_9, 8, 14)).toEqual({
      delta: 6,
      reliable: 'deterioration',
      meaningful: 'deterioration',
    });
    expect(changeBetween(PHQ_9, 10, 14)).toEqual({ delta: 4, reliable: null, meaningful: null });
  });

  it('GAD-7: 4 points is both reliable and meaningful', () => {
    expect(changeBetween(GAD_7, 15, 11)).toMatchObject({
      reliable: 'improvement',
      meaningful: 'improvement',
    });
    expect(changeBetween(GAD_7, 15, 12)).toMatchObject({ reliable: null, meaningful: null });
  });

  it('PCL-5: 15 points is reliable, 10 meaningful', () => {
    expect(changeBetween(PCL_5, 52, 37)).toMatchObject({
      delta: -15,
      reliable: 'improvement',
      meaningful: 'improvement',
    });
    expect(changeBetween(PCL_5, 52, 42)).toMatchObject({
      delta: -10,
      reliable: null,
      meaningful: 'improvement',
    });
  });

  it('the clinical aid has no thresholds, so no change is called reliable', () => {
    expect(changeBetween(TRUST_PATTERNS, 3.5, 0.5)).toEqual({
      delta: -3,
      reliable: null,
      meaningful: null,
    });
  });

  it('computes the Jacobson-Truax threshold: 1.96 × SD × √(2(1 − r))', () => {
    // SD 7.5 and reliability .84 (a worked example): 1.96 × 7.5 × √0.32 = 8.315...
    expect(
      thresholdPoints({ kind: 'jacobson-truax', sd: 7.5, reliability: 0.84, citation: '' }),
    ).toBeCloseTo(8.3156, 3);
    expect(thresholdPoints({ kind: 'points', points: 6, citation: '' })).toBe(6);
  });
});
