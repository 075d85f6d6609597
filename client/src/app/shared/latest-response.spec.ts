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

  it('sends one request at a time, in the order given, even after one fails', async () => {
    const latest = new LatestResponse();
    const log: string[] = [];
    const slow =
      (name: string, ms: number, fail = false) =>
      () =>
        new Promise<string>((resolve, reject) =>
          setTimeout(() => {
            log.push(name);
            if (fail) reject(new Error(name));
            else resolve(name);
          }, ms),
        );
    const first = latest.inTurn(slow('first', 30));
    const second = latest.inTurn(slow('second', 1, true));
    const third = latest.inTurn(slow('third', 1));
    await expect(first).resolves.toBe('first');
    await expect(second).rejects.toThrow('second');
    await expect(third).resolves.toBe('third');
    expect(log).toEqual(['first', 'second', 'third']);
  });
});
