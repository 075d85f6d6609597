import fc from 'fast-check';

/** The part of an OpenAPI 3 schema object the generators read. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
}

export interface IdPools {
  /** Real ids of any record, for uuid fields of a body or a query. */
  any: readonly string[];
  /** Real ids for a field by its name (`therapistId`, `clientIds`), when some are known. */
  forField(name: string): readonly string[];
}

const DAY = 86_400_000;

/** Values that have broken servers before: edges of types, dates, encodings and sizes. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u200b',
  '\u202e\u2066',
  'a'.repeat(5_000),
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '1899-12-31',
  '2026-13-01',
  '2026-11-24T25:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  'null',
  '-1',
  '1e308',
  'NaN',
  '<img src=x onerror=alert(1)>',
  "O'Brien; DROP TABLE clients;--",
  '%00',
  'nul\u0000byte',
  '\u0007\u001b[2J\u007f',
  'half \ud800 pair',
  '%',
  '../../etc/passwd',
  '👩‍👩‍👧‍👦',
  'ﷺ',
  'Ω≈ç√∫',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'PHQ-9',
  'America/Chicago',
  'Not/AZone',
];
const NASTY_NUMBERS = [
  -1,
  0,
  -0,
  0.5,
  1,
  7,
  59,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/** Deeper than any request needs, and a key that reaches a prototype. */
const NASTY_SHAPES: unknown[] = [
  JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)),
  JSON.parse('{"__proto__":{"isAdmin":true}}'),
  { constructor: { prototype: { polluted: true } } },
];

/** What a single mutation puts in a good request: the values most likely to break a server. */
const POISON: unknown[] = [
  'nul\u0000byte',
  'half \ud800 pair',
  '\u001b[2J',
  '9999-12-31',
  '9999-12-31T23:59:59Z',
  'a'.repeat(5_000),
  1e308,
  -1,
  ...NASTY_SHAPES,
];
export const poisonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...POISON) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...NASTY_NUMBERS) },
);

/** Anything at all where a value of some type is expected. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 'a'], { a: 1 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_SHAPES) },
);

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Calendar days around today, where real dates of care fall. */
const nearDay = fc.integer({ min: -800, max: 400 }).map((days) => isoDay(Date.now() + days * DAY));

/** Instants around now on five-minute steps, as a client writes them. */
const nearInstant = fc
  .integer({ min: -800 * 288, max: 400 * 288 })
  .map((steps) => new Date(Math.floor(Date.now() / 300_000 + steps) * 300_000).toISOString());

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.split('/').at(-1) ?? '';
    current = components[name] ?? {};
  }
  if (!current.allOf?.length) return current;
  // Nest writes a property typed `number | string` (a query value) as allOf [Object]: the outer
  // schema's default, bounds and example are what is known about it.
  const { allOf, ...outer } = current;
  const merged: Schema = { ...outer };
  for (const part of allOf) {
    const resolved = resolve(part, components);
    if (!resolved.properties || Object.keys(resolved.properties).length === 0) continue;
    merged.type = 'object';
    merged.properties = { ...merged.properties, ...resolved.properties };
    merged.required = [...(merged.required ?? []), ...(resolved.required ?? [])];
  }
  if (!merged.type && typeof merged.default === 'number') merged.type = 'integer';
  return merged;
}

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/**
 * Values shaped like a schema describes (the kind validation lets through, so the code behind it
 * runs), and now and then values of any shape at all.
 */
export function arbitraryFor(
  schema: Schema,
  components: Record<string, Schema>,
  pools: IdPools,
  name = '',
): fc.Arbitrary<unknown> {
  const clean = shapedLike(schema, { components, pools, noise: 0 }, name, 0);
  return fc.oneof(
    { weight: 2, arbitrary: clean },
    // One bad value in an otherwise good request reaches furthest into the code.
    {
      weight: 4,
      arbitrary: fc
        .tuple(clean, fc.nat(), poisonValue)
        .map(([value, pick, bad]) => withOneLeaf(value, pick, bad)),
    },
    { weight: 1, arbitrary: shapedLike(schema, { components, pools, noise: 1 }, name, 0) },
  );
}

/** `value` with its leaf number `pick` (modulo the number of leaves) replaced by `bad`. */
function withOneLeaf(value: unknown, pick: number, bad: unknown): unknown {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [index, child])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (isLeaf(child)) leaves.push({ parent: node as Record<string, unknown>, key });
      else visit(child);
    }
  };
  const copy: unknown = structuredClone(value);
  visit(copy);
  const leaf = leaves[pick % Math.max(leaves.length, 1)];
  if (!leaf) return bad;
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = bad;
  return copy;
}

function isLeaf(node: unknown): boolean {
  return typeof node !== 'object' || node === null || (Array.isArray(node) && node.length === 0);
}

interface Context {
  components: Record<string, Schema>;
  pools: IdPools;
  /** 0: every value of its schema's kind; 1: now and then a value of any kind. */
  noise: 0 | 1;
}

function shapedLike(
  schema: Schema,
  context: Context,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const valid = validFor(resolve(schema, context.components), context, name, depth);
  if (context.noise === 0) return valid;
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: nastyValue });
}

function validFor(
  schema: Schema,
  context: Context,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const { pools } = context;
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.example !== undefined) options.push(fc.constant(schema.example));
  if (schema.default !== undefined) options.push(fc.constant(schema.default));
  if (schema.nullable) options.push(fc.constant(null));
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), ...options);
  const oneOf = schema.oneOf ?? schema.anyOf;
  if (oneOf?.length)
    return fc.oneof(...oneOf.map((part) => shapedLike(part, context, name, depth)));

  switch (typeOf(schema)) {
    case 'integer':
    case 'number': {
      // Numbers in the API are counts, minutes, versions and scores: whole numbers in range.
      const min = Math.ceil(schema.minimum ?? 0);
      options.push(fc.integer({ min, max: Math.max(min, Math.floor(schema.maximum ?? 200)) }));
      if (context.noise) options.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
      break;
    }
    case 'boolean':
      options.push(fc.boolean());
      break;
    case 'array': {
      const item = shapedLike(schema.items ?? {}, context, name, depth + 1);
      options.push(
        fc.array(item, {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        }),
      );
      break;
    }
    case 'object':
      options.push(objectFor(schema, context, depth));
      break;
    case 'string':
    case undefined:
      options.push(...stringsFor(schema, pools, name));
      if (typeOf(schema) === undefined && schema.properties)
        options.push(objectFor(schema, context, depth));
      break;
    default:
      options.push(nastyValue);
  }
  return fc.oneof(...options);
}

function stringsFor(schema: Schema, pools: IdPools, name: string): fc.Arbitrary<unknown>[] {
  const example = typeof schema.example === 'string' ? schema.example : '';
  if (schema.format === 'uuid' || /Ids?$/.test(name) || name === 'id') {
    const known = pools.forField(name);
    return [fc.constantFrom(...(known.length ? known : pools.any)), fc.uuid()];
  }
  if (schema.format === 'date-time' || /T\d{2}:\d{2}/.test(example) || /At$/.test(name))
    return [nearInstant];
  if (schema.format === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(example) || /(Date|On)$/.test(name))
    return [nearDay];
  // An unannotated end of a range may be either kind.
  if (/^(start|end|from|to)$/.test(name)) return [nearInstant, nearDay];
  if (/email/i.test(name)) return [fc.emailAddress()];
  if (/phone/i.test(name)) return [fc.stringMatching(/^\+1 [2-9]\d{2} 555 \d{4}$/)];
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  return [
    fc.string({
      unit: 'grapheme',
      minLength: Math.min(schema.minLength ?? 1, maxLength),
      maxLength,
    }),
  ];
}

function objectFor(schema: Schema, context: Context, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  if (Object.keys(properties).length === 0 || depth > 4) {
    // A free-form object (note content, answers): keys and values of the usual kinds.
    const exampleKeys =
      typeof schema.example === 'object' && schema.example !== null
        ? Object.keys(schema.example)
        : [];
    const knownKeys = fc.constantFrom(
      ...exampleKeys,
      'subjective',
      'assessment',
      'plan',
      '1',
      'q1',
    );
    return fc.dictionary(
      context.noise === 0 ? knownKeys : fc.oneof(knownKeys, fc.string({ maxLength: 12 })),
      context.noise === 0
        ? fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 0, max: 4 }))
        : fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), nastyValue),
      { maxKeys: 5 },
    );
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    record[key] = shapedLike(property, context, key, depth + 1);
  }
  const required = new Set(schema.required ?? []);
  const complete = fc.record(record, {
    requiredKeys: Object.keys(record).filter((key) => required.has(key)),
  });
  const ordered = fc
    .tuple(complete, fc.integer({ min: 1, max: 48 }))
    .map(([value, steps]) => orderRange(value as Record<string, unknown>, steps));
  if (context.noise === 0) return fc.oneof(ordered, complete);
  return fc.oneof(
    // Mostly with every required field, so requests get past validation.
    { weight: 3, arbitrary: ordered },
    { weight: 2, arbitrary: complete },
    { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.record(record), fc.string({ minLength: 1, maxLength: 12 }), nastyValue)
        .map(([value, key, extra]) => ({ ...value, [key]: extra })),
    },
  );
}

const RANGES = [
  ['start', 'end'],
  ['from', 'to'],
  ['startsOn', 'endsOn'],
] as const;

/** Puts the end of a generated range a little after its start, as real requests do. */
function orderRange(value: Record<string, unknown>, steps: number): Record<string, unknown> {
  for (const [first, second] of RANGES) {
    const start = value[first];
    if (typeof start !== 'string' || !(second in value)) continue;
    const at = Date.parse(start);
    if (Number.isNaN(at) || Math.abs(at) > 8e15) continue; // beyond Date's range
    value[second] = start.includes('T')
      ? new Date(at + steps * 300_000).toISOString()
      : isoDay(at + steps * 7 * DAY);
  }
  return value;
}
