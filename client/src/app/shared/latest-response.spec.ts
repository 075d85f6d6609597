import { LatestResponse } from './latest-response';

describe('LatestResponse', () => {
  it('says only the latest request is current, whatever order replies come in', () => {
    const latest = new LatestResponse();
    const first = latest.next();
    const second = latest.next();
    expect(second()).toBe(true);
    expect(first()).toBe(false);
    const third = latest.next();
    expect(second()).toBe(false);
    expect(third()).toBe(true);
  });
});
