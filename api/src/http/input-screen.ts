import type { FieldProblem } from '@cairn/contracts';
import { textProblem } from './text-rules';

/** No request the client sends nests deeper than a few levels; 32 leaves ample room. */
export const MAX_JSON_DEPTH = 32;

// Keys that reach object prototypes. JSON.parse makes them own properties, class-transformer
// then drops or follows them: refusing them is the only answer that cannot surprise.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ScreenResult =
  { kind: 'ok' } | { kind: 'too-deep' } | { kind: 'field'; problem: FieldProblem };

/**
 * Walks a parsed request body or query (iteratively: a hostile body must not exhaust the stack)
 * and reports the first thing the API refuses before validation: nesting deeper than
 * MAX_JSON_DEPTH, a prototype key, or text with control characters. `field` names the place the
 * way validation errors do (`emergencyContact.name`, `weekly.0.start`).
 */
export function screenInput(value: unknown, maxDepth = MAX_JSON_DEPTH): ScreenResult {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { path, depth } = item;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return fieldProblem(path || 'body', problem);
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (depth >= maxDepth) return { kind: 'too-deep' };
    for (const [key, child] of Object.entries(item.value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return fieldProblem(childPath, 'is not an allowed name');
      const keyProblem = textProblem(key);
      if (keyProblem) return fieldProblem(childPath, `field names ${keyProblem}`);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return { kind: 'ok' };
}

function fieldProblem(field: string, problem: string): ScreenResult {
  const name = field.split('.').at(-1) ?? field;
  return { kind: 'field', problem: { field, problems: [`${name} ${problem}`] } };
}
