import { scaleMax, type InstrumentDefinition } from './definition';
import { clientTitleOf, EARLIER_VERSIONS, findInstrument, INSTRUMENTS } from './registry';
import { SAFETY_SCREEN } from './safety-screen';

const CASES = [...INSTRUMENTS, ...EARLIER_VERSIONS, SAFETY_SCREEN].map(
  (definition) => [`${definition.code} v${definition.version}`, definition] as const,
);
/** The instruments with published severity bands; every other one must have none. */
const BANDED = ['PHQ-9', 'GAD-7'];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

describe.each(CASES)('%s definition', (_code, definition: InstrumentDefinition) => {
  const itemIds = definition.items.map((item) => item.id);

  it('has unique item ids and every referenced item exists', () => {
    expect(new Set(itemIds).size).toBe(itemIds.length);
    const referenced = [
      ...(definition.total?.itemIds ?? []),
      ...definition.subscales.flatMap((subscale) => subscale.itemIds),
      ...definition.riskRules.map((rule) => rule.itemId),
    ];
    expect(referenced.filter((id) => !itemIds.includes(id))).toEqual([]);
  });

  it('uses only response scales it defines', () => {
    const scales = definition.items.flatMap((item) => (item.kind === 'scale' ? [item.scale] : []));
    expect(scales.filter((scale) => !definition.scales[scale])).toEqual([]);
  });

  it('has a total range that matches its items', () => {
    const total = definition.total ?? { itemIds: [], min: 0, max: 0 };
    const max = total.itemIds.reduce((sum, id) => {
      const item = definition.items.find((candidate) => candidate.id === id);
      return sum + (item?.kind === 'scale' ? scaleMax(definition, item) : 0);
    }, 0);
    expect(total.max).toBe(max);
  });

  if (BANDED.includes(definition.code)) {
    it('has severity bands that cover the total range without gaps or overlaps', () => {
      const covered = [...definition.severityBands]
        .sort((a, b) => a.min - b.min)
        .flatMap((band) => range(band.min, band.max));
      expect(definition.total).toBeDefined();
      const total = definition.total ?? { min: 0, max: -1 };
      expect(covered.length).toBeGreaterThan(0);
      expect(covered).toEqual(range(total.min, total.max));
    });
  } else {
    it('has no severity bands (none are published for it; Cairn invents none)', () => {
      expect(definition.severityBands).toEqual([]);
    });
  }

  it('cites its sources and states its licence', () => {
    expect(definition.citation.length).toBeGreaterThan(10);
    expect(definition.licence.length).toBeGreaterThan(10);
  });
});

describe('the instrument library', () => {
  it('ships PHQ-9, GAD-7, PCL-5, Trust Patterns, Self-Trust and the history form', () => {
    expect(INSTRUMENTS.map((definition) => definition.code)).toEqual([
      'PHQ-9',
      'GAD-7',
      'PCL-5',
      'TPI',
      'SELF-TRUST',
      'BAH',
    ]);
  });

  it('keeps every earlier version findable by code and version, never as the current one', () => {
    for (const earlier of EARLIER_VERSIONS) {
      expect(findInstrument(earlier.code, earlier.version)).toBe(earlier);
      expect(findInstrument(earlier.code)).not.toBe(earlier);
    }
  });

  it('gives GAD-7 the published instructions and its unscored difficulty question', () => {
    const gad7 = findInstrument('GAD-7');
    expect(gad7?.version).toBe('2');
    expect(gad7?.instructions).toBe(
      'Over the last 2 weeks, how often have you been bothered by the following problems?',
    );
    const difficulty = gad7?.items.find((item) => item.id === 'gad7-difficulty');
    expect(difficulty).toMatchObject({ kind: 'scale', required: false, unscored: true });
    expect(gad7?.total?.itemIds).not.toContain('gad7-difficulty');
    expect(findInstrument('GAD-7', '1')?.items).toHaveLength(7);
  });

  it('does not ship instruments whose licence forbids electronic use', () => {
    expect(findInstrument('C-SSRS')).toBeUndefined();
    expect(findInstrument('ECR-R')).toBeUndefined();
  });
});

describe('client-facing titles', () => {
  // A partner may read the client's screen: the portal never names a diagnosis or the reason
  // for care.
  const CLINICAL = /disorder|ptsd|dsm|depress|anxiety|betrayal|therapy|patient|scale|inventory/i;

  it.each(INSTRUMENTS.map((definition) => [definition.code, definition] as const))(
    '%s has a plain title for the client, kept apart from the clinical one',
    (_code, definition) => {
      expect(definition.clientTitle).toBeTruthy();
      expect(definition.clientTitle).not.toMatch(CLINICAL);
      expect(clientTitleOf(definition.code)).toBe(definition.clientTitle);
    },
  );

  it('falls back to what the server named an unknown instrument', () => {
    expect(clientTitleOf('NOT-AN-INSTRUMENT', 'Questionnaire')).toBe('Questionnaire');
  });
});
