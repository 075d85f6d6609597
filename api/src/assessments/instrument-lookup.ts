import { findInstrument, type InstrumentDefinition } from '@cairn/instruments';
import { FieldValidationException } from '../http/api-exception.filter';

/** The definition for a code sent by a caller; an unknown code is a 400 naming the field. */
export function instrumentFor(code: string, field = 'instrumentCode'): InstrumentDefinition {
  const definition = findInstrument(code);
  if (!definition) {
    throw new FieldValidationException([
      { field, problems: [`${field} "${code}" is not an instrument Cairn offers`] },
    ]);
  }
  return definition;
}

/**
 * The definition of a stored administration, in the version it was given in (its code and
 * version were checked when it was created): an old administration keeps its old scoring. Without
 * a version, the current one (for what spans versions: titles, order).
 */
export function storedInstrument(code: string, version?: string): InstrumentDefinition {
  const definition = findInstrument(code, version);
  if (!definition) {
    throw new Error(`Stored assessment refers to unknown instrument ${code} v${version ?? '?'}`);
  }
  return definition;
}
