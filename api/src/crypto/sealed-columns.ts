import type { ClientBase } from 'pg';

/**
 * The one rule for finding sealed values in the database without a list to keep up to date:
 * a sealed field `<name>` is a `bytea` column `<name>_sealed` with a `<name>_key_id` column beside
 * it, in a table keyed by `id`, sealed by FieldCipher with the context `<table>:<id>:<name>`
 * (notes: `session_notes:<id>:content`; reports: `progress_reports:<id>:narrative`). A new sealed
 * column that follows it is found by backup, restore and any other tool that walks sealed values.
 */
export interface SealedColumn {
  table: string;
  /** The field's name in the cipher context, e.g. `content`. */
  field: string;
  sealedColumn: string;
  keyIdColumn: string;
}

export function sealContext(table: string, id: string, field: string): string {
  return `${table}:${id}:${field}`;
}

export async function findSealedColumns(
  client: ClientBase,
  schema = 'public',
): Promise<SealedColumn[]> {
  const result = await client.query<{ table: string; field: string }>(
    `SELECT sealed.table_name AS table, left(sealed.column_name, -length('_sealed')) AS field
       FROM information_schema.columns sealed
       JOIN information_schema.columns key_id
         ON key_id.table_schema = sealed.table_schema AND key_id.table_name = sealed.table_name
        AND key_id.column_name = left(sealed.column_name, -length('_sealed')) || '_key_id'
       JOIN information_schema.columns id
         ON id.table_schema = sealed.table_schema AND id.table_name = sealed.table_name
        AND id.column_name = 'id'
       JOIN information_schema.tables t
         ON t.table_schema = sealed.table_schema AND t.table_name = sealed.table_name
        AND t.table_type = 'BASE TABLE'
      WHERE sealed.table_schema = $1 AND sealed.data_type = 'bytea'
        AND sealed.column_name LIKE '%\\_sealed'
      ORDER BY sealed.table_name, sealed.column_name`,
    [schema],
  );
  return result.rows.map(({ table, field }) => ({
    table,
    field,
    sealedColumn: `${field}_sealed`,
    keyIdColumn: `${field}_key_id`,
  }));
}
