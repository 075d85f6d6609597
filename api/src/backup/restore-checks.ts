import type { ClientBase } from 'pg';
import type { EncryptionKeys } from '../config/app-config';
import { FieldCipher } from '../crypto/field-cipher';
import { findSealedColumns, sealContext } from '../crypto/sealed-columns';
import { qualified, quoteIdent, readCatalog } from './database-catalog';
import type { DumpManifest } from './dump-manifest';

/** Sealed values opened per sealed column to prove the keys fit the restored rows. */
export const SEALED_SAMPLE_PER_COLUMN = 20;

/** Refuses a database that holds any row in any records table: restore never merges. */
export async function refuseNonEmpty(client: ClientBase): Promise<void> {
  const { tables } = await readCatalog(client);
  const occupied: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${qualified(table.name)}) AS any`,
    );
    if (rows[0]?.any) occupied.push(table.name);
  }
  if (occupied.length) {
    throw new Error(
      `The database is not empty (${occupied.slice(0, 5).join(', ')}` +
        `${occupied.length > 5 ? `, and ${occupied.length - 5} more tables` : ''} hold rows). ` +
        'Restore only goes into an empty database, so nothing there is overwritten or mixed ' +
        'with the backup: point DATABASE_URL at a new database (or CAIRN_DATA_DIR at a new ' +
        'folder for the embedded one) and run it again.',
    );
  }
}

/** Every data key that sealed something in the dump must be configured, or it cannot be read. */
export function requireDataKeys(manifest: DumpManifest, encryption: EncryptionKeys): void {
  const missing = manifest.encryptionKeyIds.filter((id) => !encryption.keys.has(id));
  if (missing.length) {
    throw new Error(
      `The dump's sealed fields use the data keys ${manifest.encryptionKeyIds.map((id) => `"${id}"`).join(', ')}, ` +
        `and ENCRYPTION_KEYS lacks ${missing.map((id) => `"${id}"`).join(', ')}. Restore with the ` +
        'keys the clinic used (kept apart from the backups); without them the notes cannot be read.',
    );
  }
}

/** Counts every table after the load and compares with what the dump's manifest promised. */
export async function checkRowCounts(
  client: ClientBase,
  manifest: DumpManifest,
): Promise<Record<string, number>> {
  const { tables } = await readCatalog(client);
  const counts: Record<string, number> = {};
  const wrong: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM ${qualified(table.name)}`,
    );
    const count = Number(rows[0]?.count ?? 0);
    counts[table.name] = count;
    const expected = manifest.tables[table.name] ?? 0;
    if (count !== expected)
      wrong.push(`${table.name}: ${count} rows, the manifest says ${expected}`);
  }
  const absent = Object.keys(manifest.tables).filter((name) => !(name in counts));
  if (wrong.length || absent.length) {
    throw new Error(
      `The restored rows do not match the manifest (${[...wrong, ...absent.map((name) => `${name}: missing`)].join('; ')}).`,
    );
  }
  return counts;
}

/**
 * Opens a random sample of every sealed column with the configured keys: the proof that the
 * restored notes can be read, not just that bytes arrived. Names the column and row of a value
 * that does not open, never its content.
 */
export async function openSealedSample(
  client: ClientBase,
  encryption: EncryptionKeys,
): Promise<Record<string, number>> {
  const cipher = new FieldCipher(encryption);
  const opened: Record<string, number> = {};
  for (const column of await findSealedColumns(client)) {
    const sealed = quoteIdent(column.sealedColumn);
    const { rows } = await client.query<{ id: string; keyId: string; data: Buffer }>(
      `SELECT ${quoteIdent(column.idColumn)}::text AS id, ${quoteIdent(column.keyIdColumn)} AS "keyId", ${sealed} AS data
         FROM ${qualified(column.table)} WHERE ${sealed} IS NOT NULL
        ORDER BY random() LIMIT ${SEALED_SAMPLE_PER_COLUMN}`,
    );
    for (const row of rows) {
      try {
        cipher.open(
          { keyId: row.keyId, data: row.data },
          sealContext(column.table, row.id, column.field),
        );
      } catch (error) {
        throw new Error(
          `A sealed value in ${column.table}.${column.field} (row ${row.id}, key "${row.keyId}") ` +
            `does not open with the configured ENCRYPTION_KEYS: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    opened[`${column.table}.${column.field}`] = rows.length;
  }
  return opened;
}
