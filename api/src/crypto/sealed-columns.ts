import type { ClientBase } from 'pg';

/**
 * The one rule for finding sealed values in the database without a list to keep up to date:
 * a sealed field `<name>` is a `bytea` column `<name>_sealed` with a `<name>_key_id` column beside
 * it, in a table with a one-column primary key (`id`, or `client_id` for intakes), sealed by
 * FieldCipher with the context `<table>:<key>:<name>`
 * (notes: `session_notes:<id>:content`; reports: `progress_reports:<id>:narrative`). A new sealed
 * column that follows it is found by backup, restore and any other tool that walks sealed values.
 */
export interface SealedColumn {
  table: string;
  /** The field's name in the cipher context, e.g. `content`. */
  field: string;
  sealedColumn: string;
  keyIdColumn: string;
  /** The table's one-column primary key, whose value is bound into each context. */
  idColumn: string;
}

export function sealContext(table: string, id: string, field: string): string {
  return `${table}:${id}:${field}`;
}

/** A query on one session: a pg client's, or a TypeORM manager's, answering rows. */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export function clientQuery(client: ClientBase): RowQuery {
  return async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[];
}

export async function findSealedColumns(
  client: ClientBase | RowQuery,
  schema = 'public',
): Promise<SealedColumn[]> {
  const query = typeof client === 'function' ? client : clientQuery(client);
  const rows = (await query(
    `SELECT sealed.table_name AS table, left(sealed.column_name, -length('_sealed')) AS field,
            (SELECT a.attname FROM pg_index i
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = format('%I.%I', sealed.table_schema, sealed.table_name)::regclass
                AND i.indisprimary AND i.indnatts = 1) AS "idColumn"
       FROM information_schema.columns sealed
       JOIN information_schema.columns key_id
         ON key_id.table_schema = sealed.table_schema AND key_id.table_name = sealed.table_name
        AND key_id.column_name = left(sealed.column_name, -length('_sealed')) || '_key_id'
       JOIN information_schema.tables t
         ON t.table_schema = sealed.table_schema AND t.table_name = sealed.table_name
        AND t.table_type = 'BASE TABLE'
      WHERE sealed.table_schema = $1 AND sealed.data_type = 'bytea'
        AND sealed.column_name LIKE '%\\_sealed'
      ORDER BY sealed.table_name, sealed.column_name`,
    [schema],
  )) as { table: string; field: string; idColumn: string | null }[];
  return rows
    .filter((row): row is typeof row & { idColumn: string } => row.idColumn !== null)
    .map(({ table, field, idColumn }) => ({
      table,
      field,
      sealedColumn: `${field}_sealed`,
      keyIdColumn: `${field}_key_id`,
      idColumn,
    }));
}
