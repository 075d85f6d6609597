import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client, type ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { EncryptionKeys } from '../config/app-config';
import { findSealedColumns } from '../crypto/sealed-columns';
import {
  appliedMigrations,
  loadOrder,
  qualified,
  quoteIdent,
  readCatalog,
  schemaVersion,
  useDumpSettings,
  type CatalogTable,
} from './database-catalog';
import { DumpSealer } from './dump-cipher';
import { frame } from './dump-frames';
import {
  DUMP_FORMAT,
  DUMP_FORMAT_VERSION,
  manifestPathOf,
  type DumpHeader,
  type DumpManifest,
  type DumpSequence,
  type ManifestFile,
} from './dump-manifest';

export interface BackupOptions {
  /** The owner's connection (see ownerDatabaseUrl). */
  url: string;
  folder: string;
  backupKeys: EncryptionKeys;
  log: (line: string) => void;
  /** The file name without extension; defaults to `cairn-<UTC time>`. */
  name?: string;
}

export interface BackupResult {
  dumpPath: string;
  manifestPath: string;
  manifest: ManifestFile;
}

/**
 * Writes `<name>.dump` (every table of the records schema read in one REPEATABLE READ snapshot,
 * as COPY text, gzip-compressed, sealed with the backup key) and `<name>.manifest.json` beside it.
 * Reads only: it writes nothing into the database, and the app keeps serving meanwhile.
 */
export async function runBackup(options: BackupOptions): Promise<BackupResult> {
  const folder = path.resolve(options.folder);
  await mkdir(folder, { recursive: true });
  const name = options.name ?? `cairn-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const dumpPath = path.join(folder, `${name}.dump`);
  const manifestPath = manifestPathOf(dumpPath);
  if (existsSync(dumpPath) || existsSync(manifestPath)) {
    throw new Error(`${dumpPath} already exists; a backup never overwrites another.`);
  }
  const partial = `${dumpPath}.partial`;

  const client = new Client({ connectionString: options.url, application_name: 'cairn-backup' });
  await client.connect();
  try {
    await useDumpSettings(client);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = await takeSnapshot(client, options.backupKeys.activeKeyId);
    options.log(
      `Snapshot taken: schema ${snapshot.header.schemaVersion}, ${snapshot.tables.length} tables`,
    );
    const counts: Record<string, number> = {};
    try {
      await pipeline(
        Readable.from(dumpRecords(client, snapshot, counts, options.log)),
        createGzip({ level: 6 }),
        new DumpSealer(options.backupKeys),
        createWriteStream(partial, { mode: 0o600 }),
      );
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await client.query('COMMIT');

    const manifest: ManifestFile = {
      ...snapshot.manifest(counts),
      dumpFile: path.basename(dumpPath),
      dumpBytes: (await stat(partial)).size,
      dumpSha256: await sha256Of(partial),
    };
    await rename(partial, dumpPath);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { dumpPath, manifestPath, manifest };
  } finally {
    await client.end();
  }
}

interface Snapshot {
  header: DumpHeader;
  tables: CatalogTable[];
  manifest(counts: Record<string, number>): DumpManifest;
}

async function takeSnapshot(client: ClientBase, backupKeyId: string): Promise<Snapshot> {
  const catalog = await readCatalog(client);
  const version = await schemaVersion(client);
  if (!version) {
    throw new Error('This database has no Cairn schema (no migrations were ever applied).');
  }
  const migrations = await appliedMigrations(client);
  const byName = new Map(catalog.tables.map((table) => [table.name, table]));
  const tables = loadOrder(
    catalog.tables.map((table) => table.name),
    catalog.foreignKeys,
  ).map((name) => byName.get(name) as CatalogTable);
  // Hold every table against a migration changing it mid-dump; ordinary writes go on.
  if (tables.length) {
    await client.query(
      `LOCK TABLE ${tables.map((table) => qualified(table.name)).join(', ')} IN ACCESS SHARE MODE`,
    );
  }
  const sequences: DumpSequence[] = [];
  for (const sequence of catalog.sequences) {
    const { rows } = await client.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${qualified(sequence)}`,
    );
    if (rows[0]) sequences.push({ name: sequence, ...rows[0] });
  }
  const keyIds = new Set<string>();
  for (const column of await findSealedColumns(client)) {
    const { rows } = await client.query<{ id: string }>(
      `SELECT DISTINCT ${quoteIdent(column.keyIdColumn)} AS id FROM ${qualified(column.table)}
        WHERE ${quoteIdent(column.keyIdColumn)} IS NOT NULL`,
    );
    for (const row of rows) keyIds.add(row.id);
  }
  const server = await client.query<{ version: string }>(
    `SELECT current_setting('server_version') AS version`,
  );
  const createdAt = new Date().toISOString();
  return {
    tables,
    header: {
      format: DUMP_FORMAT,
      formatVersion: DUMP_FORMAT_VERSION,
      schemaVersion: version,
      migrations,
      createdAt,
      tables: tables.map(({ name, columns }) => ({ name, columns })),
      sequences,
    },
    manifest: (counts) => ({
      format: DUMP_FORMAT,
      formatVersion: DUMP_FORMAT_VERSION,
      createdAt,
      schemaVersion: version,
      migrations,
      server: server.rows[0]?.version ?? 'unknown',
      tables: counts,
      encryptionKeyIds: [...keyIds].sort(),
      backupKeyId,
    }),
  };
}

async function* dumpRecords(
  client: ClientBase,
  snapshot: Snapshot,
  counts: Record<string, number>,
  log: (line: string) => void,
): AsyncGenerator<Buffer> {
  yield frame('H', snapshot.header);
  for (const table of snapshot.tables) {
    yield frame('T', { name: table.name });
    const columns = table.columns.map((column) => quoteIdent(column.name)).join(', ');
    // A partitioned table is read through its parent, which yields the rows of every partition.
    const source =
      table.kind === 'p'
        ? `(SELECT ${columns} FROM ${qualified(table.name)})`
        : `${qualified(table.name)} (${columns})`;
    const copy = client.query(copyTo(`COPY ${source} TO STDOUT`));
    for await (const chunk of copy as AsyncIterable<Buffer>) yield frame('D', chunk);
    counts[table.name] = copy.rowCount;
    yield frame('E', { rows: copy.rowCount });
    log(`  ${table.name}: ${copy.rowCount} rows`);
  }
  yield frame('Z', snapshot.manifest(counts));
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
