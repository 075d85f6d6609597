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

/** The definition of a stored administration (its code was checked when it was created). */
export function storedInstrument(code: string): InstrumentDefinition {
  const definition = findInstrument(code);
  if (!definition) throw new Error(`Stored assessment refers to unknown instrument ${code}`);
  return definition;
}
