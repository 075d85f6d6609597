import type { ClientBase } from 'pg';

/**
 * What backup and restore need to know about the schema, read from PostgreSQL's catalog rather
 * than from the entities, so a table or column added by a later migration is carried without
 * anyone remembering to list it. Only the `public` schema holds Cairn's records; the migrations'
 * own bookkeeping is rebuilt by the migrations, and a job queue in a schema of its own is
 * transient work, not records.
 */
export const RECORDS_SCHEMA = 'public';
export const MIGRATIONS_TABLE = 'schema_migrations';

export interface TableColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  name: string;
  /** `p`: a partitioned table, read through its parent (rows are routed back on restore). */
  kind: 'r' | 'p';
  columns: TableColumn[];
}

export interface ForeignKey {
  name: string;
  table: string;
  references: string;
  definition: string;
}

export interface Catalog {
  tables: CatalogTable[];
  foreignKeys: ForeignKey[];
  sequences: string[];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualified(name: string): string {
  return `${quoteIdent(RECORDS_SCHEMA)}.${quoteIdent(name)}`;
}

export async function readCatalog(client: ClientBase): Promise<Catalog> {
  const tables = await client.query<{ name: string; kind: 'r' | 'p' }>(
    `SELECT c.relname AS name, c.relkind AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname <> $2
      ORDER BY c.relname`,
    [RECORDS_SCHEMA, MIGRATIONS_TABLE],
  );
  // Generated columns are computed by PostgreSQL and cannot be written: leave them out.
  const columns = await client.query<{ table: string; name: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0
        AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
    [RECORDS_SCHEMA],
  );
  const foreignKeys = await client.query<ForeignKey>(
    `SELECT con.conname AS name, src.relname AS table, dst.relname AS references,
            pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class src ON src.oid = con.conrelid
       JOIN pg_class dst ON dst.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = src.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1 AND dst.relnamespace = n.oid
        AND con.conparentid = 0
      ORDER BY con.conname`,
    [RECORDS_SCHEMA],
  );
  const sequences = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [RECORDS_SCHEMA],
  );
  const byTable = new Map<string, TableColumn[]>();
  for (const column of columns.rows) {
    const list = byTable.get(column.table) ?? [];
    list.push({ name: column.name, type: column.type });
    byTable.set(column.table, list);
  }
  return {
    tables: tables.rows.map((table) => ({ ...table, columns: byTable.get(table.name) ?? [] })),
    foreignKeys: foreignKeys.rows,
    sequences: sequences.rows.map((row) => row.name),
  };
}

/**
 * Tables in an order where each comes after the tables it references, so rows can be loaded
 * with every foreign key checked as they go. A table referencing itself (a client's partner, an
 * assessment that replaces another) needs nothing: PostgreSQL checks the rows of one COPY at its
 * end. Tables that reference each other in a cycle are broken at the table with the fewest
 * unmet references; restore lifts those few constraints while it loads and puts them back.
 */
export function loadOrder(tables: string[], foreignKeys: ForeignKey[]): string[] {
  const known = new Set(tables);
  const needs = new Map<string, Set<string>>(tables.map((table) => [table, new Set<string>()]));
  for (const key of foreignKeys) {
    if (key.table !== key.references && known.has(key.table) && known.has(key.references)) {
      needs.get(key.table)?.add(key.references);
    }
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const waiting = [...needs.keys()].filter((table) => !placed.has(table)).sort();
    const unmet = (table: string) =>
      [...(needs.get(table) ?? [])].filter((other) => !placed.has(other)).length;
    const ready = waiting.filter((table) => unmet(table) === 0);
    const next = ready.length
      ? ready
      : [waiting.reduce((best, table) => (unmet(table) < unmet(best) ? table : best))];
    for (const table of next) {
      order.push(table);
      placed.add(table);
    }
  }
  return order;
}

/** The foreign keys that point at a table loaded later in `order` (only in a cycle). */
export function forwardReferences(order: string[], foreignKeys: ForeignKey[]): ForeignKey[] {
  const position = new Map(order.map((table, index) => [table, index]));
  return foreignKeys.filter((key) => {
    const from = position.get(key.table);
    const to = position.get(key.references);
    return from !== undefined && to !== undefined && to > from;
  });
}

/** The migration the schema was last brought to (`null`: never migrated). */
export async function schemaVersion(client: ClientBase): Promise<string | null> {
  const exists = await client.query<{ found: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS found`,
    [qualified(MIGRATIONS_TABLE)],
  );
  if (!exists.rows[0]?.found) return null;
  const last = await client.query<{ name: string }>(
    `SELECT name FROM ${qualified(MIGRATIONS_TABLE)} ORDER BY "timestamp" DESC, id DESC LIMIT 1`,
  );
  return last.rows[0]?.name ?? null;
}

/** Every migration the schema had applied, in the order they ran. */
export async function appliedMigrations(client: ClientBase): Promise<string[]> {
  if (!(await schemaVersion(client))) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM ${qualified(MIGRATIONS_TABLE)} ORDER BY id`,
  );
  return rows.map((row) => row.name);
}

/**
 * Session settings that make COPY's text output read back identically on another server:
 * the same ones pg_dump fixes.
 */
export async function useDumpSettings(client: ClientBase): Promise<void> {
  await client.query(
    `SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres';
     SET extra_float_digits = 3; SET bytea_output = 'hex'; SET TimeZone = 'UTC';
     SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0`,
  );
}
