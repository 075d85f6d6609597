import {
  CHECK_IN_FORMS,
  DAILY_REPAIR_CHECK_IN,
  checkInForm,
  normaliseCheckIn,
  repairCheckInSeries,
  validateCheckIn,
} from './check-ins';

const complete = {
  feltSafety: 6,
  promisesKept: 'all',
  honestMoment: 'We talked.',
  gutSense: 'uneasy',
};

describe('daily repair check-in', () => {
  it('asks felt safety 0–10, promises kept, one honest moment and the gut sense', () => {
    expect(DAILY_REPAIR_CHECK_IN.items.map((item) => item.id)).toEqual([
      'feltSafety',
      'promisesKept',
      'honestMoment',
      'gutSense',
    ]);
    expect(DAILY_REPAIR_CHECK_IN.items[0]).toMatchObject({ kind: 'scale', min: 0, max: 10 });
    expect(checkInForm('daily-repair')).toBe(DAILY_REPAIR_CHECK_IN);
    expect(new Set(CHECK_IN_FORMS.map((form) => form.code)).size).toBe(CHECK_IN_FORMS.length);
  });

  it('accepts a complete answer set, and the honest moment may be left out', () => {
    expect(validateCheckIn(DAILY_REPAIR_CHECK_IN, complete)).toEqual([]);
    const { honestMoment: _skipped, ...withoutMoment } = complete;
    expect(validateCheckIn(DAILY_REPAIR_CHECK_IN, withoutMoment)).toEqual([]);
  });

  it('names each field out of range, missing or unknown', () => {
    const problems = validateCheckIn(DAILY_REPAIR_CHECK_IN, {
      feltSafety: 11,
      promisesKept: 'most',
      mood: 3,
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'answers.feltSafety',
      'answers.gutSense',
      'answers.mood',
      'answers.promisesKept',
    ]);
    expect(problems.find((p) => p.field === 'answers.feltSafety')?.problem).toBe(
      'feltSafety must be a whole number from 0 to 10',
    );
  });

  it('refuses fractions, negatives and numbers sent as text on the scale', () => {
    for (const feltSafety of [4.5, -1, '7']) {
      expect(
        validateCheckIn(DAILY_REPAIR_CHECK_IN, { ...complete, feltSafety }).map((p) => p.field),
      ).toEqual(['answers.feltSafety']);
    }
  });

  it('refuses an honest moment longer than its limit', () => {
    const long = { ...complete, honestMoment: 'x'.repeat(1001) };
    expect(validateCheckIn(DAILY_REPAIR_CHECK_IN, long).map((p) => p.field)).toEqual([
      'answers.honestMoment',
    ]);
  });

  it('trims text and drops blanks when storing', () => {
    expect(normaliseCheckIn(DAILY_REPAIR_CHECK_IN, { ...complete, honestMoment: '   ' })).toEqual({
      feltSafety: 6,
      promisesKept: 'all',
      gutSense: 'uneasy',
    });
  });

  it('turns entries into a dated series of felt safety and promises kept', () => {
    expect(
      repairCheckInSeries([
        { occursOn: '2026-11-05', answers: { feltSafety: 4, promisesKept: 'some' } },
        { occursOn: '2026-11-04', answers: { feltSafety: 3, promisesKept: 'none' } },
        { occursOn: '2026-11-06', answers: { feltSafety: 7, promisesKept: 'no_promises' } },
        { occursOn: '2026-11-07', answers: null },
      ]),
    ).toEqual([
      { date: '2026-11-04', feltSafety: 3, promisesKept: 0 },
      { date: '2026-11-05', feltSafety: 4, promisesKept: 0.5 },
      { date: '2026-11-06', feltSafety: 7, promisesKept: null },
      { date: '2026-11-07', feltSafety: null, promisesKept: null },
    ]);
  });
});
