import { resolveRange } from './progress.service';

describe('The progress period by default', () => {
  it('runs from the start of care, not six months, for a client who began two months ago', () => {
    expect(resolveRange({}, '2026-12-02', '2026-10-01')).toEqual({
      from: '2026-10-01',
      to: '2026-12-02',
    });
  });

  it('keeps a period that was asked for', () => {
    expect(resolveRange({ from: '2026-11-01' }, '2026-12-02', '2026-10-01')).toEqual({
      from: '2026-11-01',
      to: '2026-12-02',
    });
  });

  it('falls back to six months without a start of care, or one after the period', () => {
    expect(resolveRange({}, '2026-12-02').from).toBe('2026-06-03');
    expect(resolveRange({ to: '2026-09-01' }, '2026-12-02', '2026-10-01').from).toBe('2026-03-03');
  });

  it('covers at most the longest period for care that began long ago', () => {
    const range = resolveRange({}, '2026-12-02', '2001-01-01');
    expect(range.from > '2016-11-30').toBe(true);
    expect(range.from < '2016-12-04').toBe(true);
  });
});
