import { rangeLabel } from './approximate-paginator-intl';

describe('the client list range label', () => {
  it('says "about" only for an estimated total', () => {
    expect(rangeLabel(0, 25, 98_000, true)).toBe('1 – 25 of about 98,000');
    expect(rangeLabel(1, 25, 40, false)).toBe('26 – 40 of 40');
    expect(rangeLabel(0, 25, 0, false)).toBe('0 of 0');
  });
});
