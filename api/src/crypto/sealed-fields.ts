import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { DeepPartial, EntityManager, EntitySubscriberInterface } from 'typeorm';
import type { FieldCipher } from './field-cipher';
import { sealContext } from './sealed-columns';

/** One clinical field kept sealed: the entity property the services use, and its stored name. */
export interface SealedFieldSpec {
  /** The entity property holding the opened value (not a column). */
  property: string;
  /** The stored name: columns `<column>_sealed` and `<column>_key_id`, context `<table>:<id>:<column>`. */
  column: string;
  /** Structured values (answer sets, checklists) are sealed as JSON; free text as it is. */
  json: boolean;
}

export interface SealedEntitySpec {
  table: string;
  /** The property and column of the row's key, bound into every value's context. */
  idProperty: string;
  idColumn: string;
  fields: SealedFieldSpec[];
}

const SPECS = new Map<abstract new () => unknown, SealedEntitySpec>();

/** Declares which fields of an entity are sealed; read by the subscriber and `sealFields`. */
export function sealedEntity(
  target: abstract new () => unknown,
  spec: Omit<SealedEntitySpec, 'idProperty' | 'idColumn'> &
    Partial<Pick<SealedEntitySpec, 'idProperty' | 'idColumn'>>,
): void {
  SPECS.set(target, { idProperty: 'id', idColumn: 'id', ...spec });
}

export function sealedEntitySpecs(): SealedEntitySpec[] {
  return [...SPECS.values()];
}

function specOf(target: abstract new () => unknown): SealedEntitySpec {
  const spec = SPECS.get(target);
  if (!spec) throw new Error(`${target.name} has no sealed fields`);
  return spec;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
export const keyIdProperty = (field: SealedFieldSpec) => `${camel(field.column)}KeyId`;
export const sealedProperty = (field: SealedFieldSpec) => `${camel(field.column)}Sealed`;

/**
 * A sealed value that does not open (key missing, value damaged or copied from another row):
 * the caller learns which record, the log raises an alert, and nothing else on the page fails
 * unless it needs that very value.
 */
export class UnreadableRecordException extends HttpException {
  constructor(
    readonly table: string,
    readonly recordId: string,
    readonly column: string,
  ) {
    super(
      `Record ${recordId} (${table}, ${column}) cannot be opened with the configured keys. ` +
        'An administrator has been alerted; the rest of the file is unaffected.',
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}

const logger = new Logger('Sealing');

/** Seals the given plain values of a row: the columns to write (`<x>KeyId`, `<x>Sealed`). */
export function sealFields<E>(
  cipher: FieldCipher,
  target: abstract new () => E,
  id: string,
  values: Partial<E>,
): Partial<E> {
  const spec = specOf(target);
  const columns: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (!(field.property in values)) continue;
    const value = (values as Record<string, unknown>)[field.property];
    if (value === null || value === undefined) {
      columns[keyIdProperty(field)] = null;
      columns[sealedProperty(field)] = null;
      continue;
    }
    const sealed = cipher.seal(
      field.json ? JSON.stringify(value) : (value as string),
      sealContext(spec.table, id, field.column),
    );
    columns[keyIdProperty(field)] = sealed.keyId;
    columns[sealedProperty(field)] = sealed.data;
  }
  return columns as Partial<E>;
}

/** Opens one stored value; throws UnreadableRecordException (and logs an alert) if it does not. */
export function openField(
  cipher: FieldCipher,
  spec: SealedEntitySpec,
  field: SealedFieldSpec,
  id: string,
  keyId: string,
  data: Buffer,
): unknown {
  try {
    const text = cipher.open({ keyId, data }, sealContext(spec.table, id, field.column));
    return field.json ? (JSON.parse(text) as unknown) : text;
  } catch (error) {
    logger.error(
      `ALERT: sealed value ${spec.table}.${field.column} of record ${id} (key "${keyId}") does not open: ` +
        (error instanceof Error ? error.message : String(error)),
    );
    throw new UnreadableRecordException(spec.table, id, field.column);
  }
}

/** Opens the sealed fields of a row read as plain SQL (`<column>_key_id`, `<column>_sealed`). */
export function openRawField(
  cipher: FieldCipher,
  target: abstract new () => unknown,
  property: string,
  id: string,
  keyId: string | null,
  data: Buffer | null,
): unknown {
  const spec = specOf(target);
  const field = spec.fields.find((candidate) => candidate.property === property);
  if (!field) throw new Error(`${spec.table}.${property} is not sealed`);
  if (keyId === null || data === null) return null;
  return openField(cipher, spec, field, id, keyId, data);
}

/**
 * Opens sealed fields as entities load, so the services read `assessment.answers` as before. A
 * field whose sealed column was not selected (a query for totals only) is never decrypted. A
 * value that does not open becomes a property that throws UnreadableRecordException when read,
 * so a list answers a clear error naming that record, not a bare 500, and only where it is used.
 */
export class SealedFieldsSubscriber implements EntitySubscriberInterface {
  constructor(private readonly cipher: FieldCipher) {}

  afterLoad(entity: unknown): void {
    if (typeof entity !== 'object' || entity === null) return;
    const spec = SPECS.get(entity.constructor as abstract new () => unknown);
    if (!spec) return;
    const row = entity as Record<string, unknown>;
    for (const field of spec.fields) {
      const data = row[sealedProperty(field)];
      if (data === undefined) continue;
      const keyId = row[keyIdProperty(field)];
      if (data === null || keyId === null || keyId === undefined) {
        row[field.property] = null;
        continue;
      }
      const id = row[spec.idProperty];
      if (typeof id !== 'string')
        throw new Error(`${spec.table}.${field.column} was read without the row's key`);
      try {
        row[field.property] = openField(
          this.cipher,
          spec,
          field,
          id,
          keyId as string,
          data as Buffer,
        );
      } catch (error) {
        Object.defineProperty(row, field.property, {
          configurable: true,
          enumerable: false,
          get: () => {
            throw error;
          },
        });
      }
    }
  }
}

/**
 * A new row with its sealed fields sealed: the key is chosen here (so it can be bound into the
 * ciphertexts) unless the values carry one. The plain properties stay for the caller's view.
 */
export function sealedRow<E>(
  cipher: FieldCipher,
  target: abstract new () => E,
  values: Partial<E>,
): Partial<E> {
  const spec = specOf(target);
  const row: Record<string, unknown> = { ...values };
  if (typeof row[spec.idProperty] !== 'string') row[spec.idProperty] = randomUUID();
  return {
    ...row,
    ...sealFields(cipher, target, row[spec.idProperty] as string, values),
  };
}

/** `sealedRow` without the plain properties: values for `manager.insert` (which takes columns). */
export function sealedInsert<E>(
  cipher: FieldCipher,
  target: abstract new () => E,
  values: Partial<E>,
): Partial<E> {
  const row = sealedRow(cipher, target, values) as Record<string, unknown>;
  for (const field of specOf(target).fields) delete row[field.property];
  return row as Partial<E>;
}

/**
 * `manager.create` of a new row with its sealed fields sealed, keeping the plain values on the
 * entity (create copies columns only) so the caller's view shows what was written.
 */
export function createSealed<E extends object>(
  manager: EntityManager,
  cipher: FieldCipher,
  target: (abstract new () => E) & (new () => E),
  values: Partial<E>,
): E {
  const row = sealedRow(cipher, target, values);
  const entity = manager.create(target, row as DeepPartial<E>);
  for (const field of specOf(target).fields)
    if (field.property in values)
      (entity as Record<string, unknown>)[field.property] = (values as Record<string, unknown>)[
        field.property
      ];
  return entity;
}
