import type { DataSource } from 'typeorm';
import type { ClientBase } from 'pg';
import type { EncryptionKeys } from '../config/app-config';
import { FieldCipher } from './field-cipher';
import { clientQuery, findSealedColumns, sealContext, type RowQuery } from './sealed-columns';
import { sealedEntitySpecs } from './sealed-fields';

/**
 * Sealing an older database's clear text and re-sealing values under an older key: both walk
 * the sealed columns in batches as the owner role (it bypasses row-level security, and only it
 * passes the immutability triggers' re-sealing exception), one transaction per batch, so a
 * stop loses at most one batch and a new run carries on where the data says it stands.
 */
export type Transactions = <T>(work: (query: RowQuery) => Promise<T>) => Promise<T>;

export function dataSourceTransactions(dataSource: DataSource): Transactions {
  return (work) =>
    dataSource.transaction((manager) =>
      work((sql, params) => manager.query<Record<string, unknown>[]>(sql, params)),
    );
}

export function clientTransactions(client: ClientBase): Transactions {
  return async (work) => {
    await client.query('BEGIN');
    try {
      const result = await work(clientQuery(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface SealingOptions {
  batchSize?: number;
  log?: (line: string) => void;
}

/**
 * Moves every clear value left by a database from before sealing into its sealed columns and
 * empties the clear column. Runs at each start under the maintenance lock (it finds nothing once
 * done). A row already written sealed by the app keeps its sealed value; only its clear copy
 * goes. Returns the rows sealed per `table.column`.
 */
export async function sealClearValues(
  transactions: Transactions,
  cipher: FieldCipher,
  options: SealingOptions = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 500;
  const sealed: Record<string, number> = {};
  for (const spec of sealedEntitySpecs()) {
    for (const field of spec.fields) {
      const table = q(spec.table);
      const id = q(spec.idColumn);
      const clear = q(field.column);
      const keyId = q(`${field.column}_key_id`);
      const data = q(`${field.column}_sealed`);
      let count = 0;
      for (;;) {
        const done = await transactions(async (query) => {
          const rows = (await query(
            `SELECT ${id}::text AS id, ${clear}::text AS value, ${data} IS NOT NULL AS "hasSealed"
               FROM ${table} WHERE ${clear} IS NOT NULL ORDER BY ${id} LIMIT ${batchSize} FOR UPDATE`,
          )) as { id: string; value: string; hasSealed: boolean }[];
          if (rows.length === 0) return true;
          const ids: string[] = [];
          const keyIds: (string | null)[] = [];
          const datas: (Buffer | null)[] = [];
          for (const row of rows) {
            ids.push(row.id);
            if (row.hasSealed) {
              keyIds.push(null);
              datas.push(null);
            } else {
              const value = cipher.seal(row.value, sealContext(spec.table, row.id, field.column));
              keyIds.push(value.keyId);
              datas.push(value.data);
            }
          }
          await query(
            `UPDATE ${table} t SET ${clear} = NULL,
                    ${keyId} = coalesce(v.key_id, t.${keyId}), ${data} = coalesce(v.data, t.${data})
               FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(id, key_id, data)
              WHERE t.${id} = v.id`,
            [ids, keyIds, datas],
          );
          count += rows.length;
          return rows.length < batchSize;
        });
        if (done) break;
      }
      if (count) {
        sealed[`${spec.table}.${field.column}`] = count;
        options.log?.(`Sealed ${count} clear values of ${spec.table}.${field.column}`);
      }
    }
  }
  return sealed;
}

export interface ResealOptions extends SealingOptions {
  /** Asked between batches: true stops after the batch that was running (it is committed). */
  shouldStop?: () => boolean;
}

export interface ResealReport {
  activeKeyId: string;
  /** Per `table.field`: values re-sealed in this run, and how many values stand under the active key of all. */
  columns: Record<string, { resealed: number; underActiveKey: number; total: number }>;
  /** Values that did not open: named by table, field and row, never by content. */
  unreadable: { table: string; field: string; id: string; keyId: string }[];
  /** Values per key id still in the database, after the run. */
  valuesByKey: Record<string, number>;
  /** Configured keys other than the active one that no value uses any more. */
  removableKeys: string[];
  stopped: boolean;
}

/**
 * Re-seals every value under a key other than the active one (ENCRYPTION_KEYS' first), in
 * batches, reporting progress per column. Resumable: the key ids in the rows are the state.
 * A value that does not open is reported (with an alert in the log) and left as it is.
 */
export async function resealAll(
  transactions: Transactions,
  encryption: EncryptionKeys,
  options: ResealOptions = {},
): Promise<ResealReport> {
  const cipher = new FieldCipher(encryption);
  const active = encryption.activeKeyId;
  const batchSize = options.batchSize ?? 500;
  const log = options.log ?? (() => undefined);
  const columns = await transactions((query) => findSealedColumns(query));
  const report: ResealReport = {
    activeKeyId: active,
    columns: {},
    unreadable: [],
    valuesByKey: {},
    removableKeys: [],
    stopped: false,
  };
  for (const column of columns) {
    const name = `${column.table}.${column.field}`;
    const table = q(column.table);
    const id = q(column.idColumn);
    const keyId = q(column.keyIdColumn);
    const data = q(column.sealedColumn);
    const counts = await transactions(
      async (query) =>
        (
          await query(
            `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${keyId} = $1)::int AS active
               FROM ${table} WHERE ${keyId} IS NOT NULL`,
            [active],
          )
        )[0] as { total: number; active: number },
    );
    const progress = { resealed: 0, underActiveKey: counts.active, total: counts.total };
    report.columns[name] = progress;
    log(`${name}: ${progress.underActiveKey}/${progress.total} under key "${active}"`);
    let after = '00000000-0000-0000-0000-000000000000';
    while (progress.underActiveKey + countUnreadable(report, column) < progress.total) {
      if (options.shouldStop?.()) {
        report.stopped = true;
        break;
      }
      const rows = await transactions(async (query) => {
        const batch = (await query(
          `SELECT ${id}::text AS id, ${keyId} AS "keyId", ${data} AS data FROM ${table}
            WHERE ${keyId} IS NOT NULL AND ${keyId} <> $1 AND ${id} > $2::uuid
            ORDER BY ${id} LIMIT ${batchSize} FOR UPDATE`,
          [active, after],
        )) as { id: string; keyId: string; data: Buffer }[];
        const ids: string[] = [];
        const oldKeys: string[] = [];
        const datas: Buffer[] = [];
        for (const row of batch) {
          const context = sealContext(column.table, row.id, column.field);
          let plain: string;
          try {
            plain = cipher.open({ keyId: row.keyId, data: row.data }, context);
          } catch (error) {
            report.unreadable.push({ ...pick(column), id: row.id, keyId: row.keyId });
            log(
              `ALERT: ${name} of record ${row.id} (key "${row.keyId}") does not open and stays as it is: ` +
                (error instanceof Error ? error.message : String(error)),
            );
            continue;
          }
          ids.push(row.id);
          oldKeys.push(row.keyId);
          datas.push(cipher.seal(plain, context).data);
        }
        if (ids.length)
          await query(
            `UPDATE ${table} t SET ${keyId} = $4, ${data} = v.data
               FROM unnest($1::uuid[], $2::text[], $3::bytea[]) AS v(id, old_key, data)
              WHERE t.${id} = v.id AND t.${keyId} = v.old_key`,
            [ids, oldKeys, datas, active],
          );
        return { batch, resealed: ids.length };
      });
      if (rows.batch.length === 0) break;
      after = rows.batch[rows.batch.length - 1]?.id ?? after;
      progress.resealed += rows.resealed;
      progress.underActiveKey += rows.resealed;
      log(`${name}: ${progress.underActiveKey}/${progress.total} under key "${active}"`);
    }
    if (report.stopped) break;
  }
  for (const column of columns) {
    const rows = (await transactions((query) =>
      query(
        `SELECT ${q(column.keyIdColumn)} AS "keyId", count(*)::int AS count FROM ${q(column.table)}
          WHERE ${q(column.keyIdColumn)} IS NOT NULL GROUP BY 1`,
      ),
    )) as { keyId: string; count: number }[];
    for (const row of rows)
      report.valuesByKey[row.keyId] = (report.valuesByKey[row.keyId] ?? 0) + row.count;
  }
  report.removableKeys = [...encryption.keys.keys()].filter(
    (key) => key !== active && !report.valuesByKey[key],
  );
  return report;
}

function pick(column: { table: string; field: string }) {
  return { table: column.table, field: column.field };
}

function countUnreadable(report: ResealReport, column: { table: string; field: string }): number {
  return report.unreadable.filter(
    (entry) => entry.table === column.table && entry.field === column.field,
  ).length;
}
