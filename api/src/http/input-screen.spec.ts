import { MAX_JSON_DEPTH, screenInput } from './input-screen';
import { textProblem, trimInvisible } from './text-rules';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

describe('screenInput', () => {
  it('lets 32 levels of objects through and refuses 33', () => {
    expect(screenInput(nested(MAX_JSON_DEPTH))).toEqual({ kind: 'ok' });
    expect(screenInput(nested(MAX_JSON_DEPTH + 1))).toEqual({ kind: 'too-deep' });
  });

  it('counts arrays as levels too, and survives 100,000 of them', () => {
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(screenInput(deep)).toEqual({ kind: 'too-deep' });
  });

  it('names a prototype key where it is, including inside arrays', () => {
    const body = JSON.parse('{"weekly":[{"start":"09:00"},{"__proto__":{"x":1}}]}') as unknown;
    expect(screenInput(body)).toEqual({
      kind: 'field',
      problem: { field: 'weekly.1.__proto__', problems: ['__proto__ is not an allowed name'] },
    });
  });

  it('names a string with a control character, and a key with one', () => {
    expect(screenInput({ name: { first: 'a\u0000' } })).toMatchObject({
      problem: { field: 'name.first' },
    });
    expect(screenInput({ ['bad\u0001key']: 1 })).toMatchObject({ kind: 'field' });
  });
});

describe('textProblem', () => {
  it.each(['\u0000', '\u0008', '\u000b', '\u001f', '\u007f', '\u0085', 'x\ud800', '\udc00x'])(
    'refuses %j',
    (text) => expect(textProblem(text)).not.toBeNull(),
  );

  it.each(['tab\there', 'line\nbreak\r\n', 'emoji 👩‍👩‍👧', 'Ωμέγα', 'שלום'])('accepts %j', (text) =>
    expect(textProblem(text)).toBeNull(),
  );
});

describe('trimInvisible', () => {
  it.each([
    ['\u200b\u200c\u200d', ''],
    ['\u202e\u2066 \u2069', ''],
    ['\ufeff\u2060\u00ad', ''],
    ['\u3164\u115f\u2800', ''],
    ['  \u200bDana Whitfield\u200f ', 'Dana Whitfield'],
    ['Noor\u200dJahan', 'Noor\u200dJahan'],
    ['❤\ufe0f', '❤\ufe0f'],
  ])('%j becomes %j', (text, trimmed) => expect(trimInvisible(text)).toBe(trimmed));
});
