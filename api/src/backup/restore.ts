import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, type ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EncryptionKeys } from '../config/app-config';
import { withMaintenanceLock } from '../database/migrate';
import { applyRuntimeGrants } from '../database/runtime-grants';
import {
  forwardReferences,
  qualified,
  quoteIdent,
  readCatalog,
  useDumpSettings,
} from './database-catalog';
import { DumpIntegrityError } from './dump-cipher';
import { parseJson, type Frame } from './dump-frames';
import {
  manifestPathOf,
  type DumpHeader,
  type DumpManifest,
  type ManifestFile,
} from './dump-manifest';
import { streamDump, verifyDump, type VerifiedDump } from './dump-reader';
import {
  checkRowCounts,
  openSealedSample,
  refuseNonEmpty,
  requireDataKeys,
} from './restore-checks';
import { bringSchemaTo, isCurrentSchema, migrationNames } from './restore-schema';

export interface RestoreOptions {
  /** The owner's connection (see ownerDatabaseUrl). */
  url: string;
  /** The role the app runs as; it is granted what the access layer grants after migrations. */
  runtimeRole: string;
  dumpPath: string;
  backupKeys: EncryptionKeys;
  /** The data keys the restored app will run with; a sample of sealed fields must open with them. */
  encryption: EncryptionKeys;
  log: (line: string) => void;
}

export interface RestoreResult {
  schemaVersion: string;
  createdAt: string;
  tables: Record<string, number>;
  /** Sealed values opened per `table.field`. */
  sealedOpened: Record<string, number>;
}

/**
 * Restores a dump into an empty database: checks the whole file first (key, integrity, manifest,
 * schema version, data keys), builds the schema with the migrations up to the dump's version,
 * then loads every row in one transaction that also checks the row counts, opens a sample of
 * sealed fields and grants the runtime role. Anything wrong rolls the rows back. It never boots
 * the app and writes no rows of its own (no audit events: it logs to its output).
 */
export async function runRestore(options: RestoreOptions): Promise<RestoreResult> {
  const dumpPath = path.resolve(options.dumpPath);
  if (!existsSync(dumpPath)) throw new Error(`There is no dump at ${dumpPath}.`);
  const dump = await verifyDump(dumpPath, options.backupKeys);
  const { header, manifest } = dump;
  options.log(
    `The dump opens and is whole: taken ${manifest.createdAt}, schema ${manifest.schemaVersion}, ` +
      `${header.tables.length} tables, ${sum(manifest.tables)} rows`,
  );
  await checkManifestFile(dumpPath, dump, options.log);
  const unknown = header.migrations.filter((name) => !migrationNames().includes(name));
  if (unknown.length) {
    throw new Error(
      `The dump's schema has migrations this Cairn does not know (${unknown.join(', ')}): ` +
        'restore it with the Cairn version that made it, or a later one.',
    );
  }
  requireDataKeys(manifest, options.encryption);

  // Under the lock migrations take at start-up: a Cairn booting meanwhile waits for the restore.
  return withMaintenanceLock(options.url, async () => {
    const client = new Client({ connectionString: options.url, application_name: 'cairn-restore' });
    await client.connect();
    try {
      await refuseNonEmpty(client);
      await bringSchemaTo(options.url, header.migrations, options.log);
      await useDumpSettings(client);
      await client.query('BEGIN');
      try {
        await loadRows(client, dumpPath, options.backupKeys, header, options.log);
        const tables = await checkRowCounts(client, manifest);
        const sealedOpened = await openSealedSample(client, options.encryption);
        // The grants name today's tables and lookups; a schema older than this Cairn gets them
        // when Cairn starts, migrates it forward and grants (as every start does).
        if (isCurrentSchema(header.migrations)) {
          await applyRuntimeGrants(
            async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
            options.runtimeRole,
          );
        } else {
          options.log('The runtime role is granted when Cairn starts and migrates this schema');
        }
        await client.query('COMMIT');
        return {
          schemaVersion: header.schemaVersion,
          createdAt: manifest.createdAt,
          tables,
          sealedOpened,
        };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    } finally {
      await client.end();
    }
  });
}

/**
 * The manifest beside the dump is for people and monitoring; the sealed copy inside is the truth.
 * When both are there they must agree, down to the file's checksum.
 */
async function checkManifestFile(
  dumpPath: string,
  dump: VerifiedDump,
  log: (line: string) => void,
): Promise<void> {
  const file = manifestPathOf(dumpPath);
  if (!existsSync(file)) {
    log(`No manifest beside the dump (${path.basename(file)}); using the one sealed inside it`);
    return;
  }
  const beside = JSON.parse(await readFile(file, 'utf8')) as ManifestFile;
  const { dumpFile: _file, dumpBytes, dumpSha256, ...described } = beside;
  if (dumpBytes !== dump.bytes || dumpSha256 !== dump.sha256) {
    throw new DumpIntegrityError(
      `The dump is not the file its manifest describes (size or SHA-256 differ): it was changed ` +
        'or another file was copied in its place.',
    );
  }
  if (canonical(described) !== canonical(dump.manifest)) {
    throw new DumpIntegrityError(
      'The manifest beside the dump disagrees with the one sealed inside it: it was edited.',
    );
  }
}

async function loadRows(
  client: ClientBase,
  dumpPath: string,
  backupKeys: EncryptionKeys,
  header: DumpHeader,
  log: (line: string) => void,
): Promise<void> {
  const catalog = await readCatalog(client);
  const target = new Map(catalog.tables.map((table) => [table.name, table]));
  for (const table of header.tables) {
    const found = target.get(table.name);
    if (!found) throw new Error(`The schema has no table ${table.name}, which the dump holds.`);
    const have = new Set(found.columns.map((column) => column.name));
    const lacking = table.columns.filter((column) => !have.has(column.name));
    if (lacking.length) {
      throw new Error(
        `The schema's ${table.name} lacks ${lacking.map((column) => column.name).join(', ')}.`,
      );
    }
  }
  // Only tables that reference each other in a cycle need a constraint lifted while loading;
  // PostgreSQL checks it again, over every row, when it is put back.
  const lifted = forwardReferences(
    header.tables.map((table) => table.name),
    catalog.foreignKeys,
  );
  await client.query('SET CONSTRAINTS ALL DEFERRED');
  for (const key of lifted) {
    await client.query(
      `ALTER TABLE ${qualified(key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`,
    );
  }

  const columnsOf = new Map(header.tables.map((table) => [table.name, table.columns]));
  await streamDump(dumpPath, backupKeys, async (frames) => {
    for (let next = await frames.next(); !next.done; next = await frames.next()) {
      if (next.value.kind !== 'T') continue;
      const name = parseJson<{ name: string }>(next.value.payload).name;
      const columns = (columnsOf.get(name) ?? []).map((column) => quoteIdent(column.name));
      const expected = { rows: -1 };
      const partitioned = target.get(name)?.kind === 'p';
      // A partitioned table takes rows only for months it has a partition for, and the dump's
      // months are known only once read: its rows go to a staging table first.
      const into = partitioned ? quoteIdent(`restore_${name}`) : qualified(name);
      if (partitioned) {
        await client.query(
          `CREATE TEMPORARY TABLE ${into} (LIKE ${qualified(name)}) ON COMMIT DROP`,
        );
      }
      const copy = client.query(copyFrom(`COPY ${into} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from(rowsOf(frames, expected)), copy);
      if (copy.rowCount !== expected.rows) {
        throw new Error(`${name}: loaded ${copy.rowCount} rows, the dump holds ${expected.rows}.`);
      }
      if (partitioned) await loadPartitioned(client, name, into, columns);
      log(`  ${name}: ${copy.rowCount} rows`);
    }
  });

  for (const sequence of header.sequences) {
    await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
      qualified(sequence.name),
      sequence.lastValue,
      sequence.isCalled,
    ]);
  }
  for (const key of lifted) {
    await client.query(
      `ALTER TABLE ${qualified(key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`,
    );
  }
}

/**
 * Moves staged rows into a table partitioned by month (the audit trail), after making the
 * partition of every month they hold with the table's own owner function,
 * `<table>_partition_for(timestamptz)` (see migration PartitionAuditEvents).
 */
async function loadPartitioned(
  client: ClientBase,
  name: string,
  staging: string,
  columns: string[],
): Promise<void> {
  const { rows } = await client.query<{ key: string }>(
    `SELECT pg_get_partkeydef($1::regclass) AS key`,
    [qualified(name)],
  );
  const key = /^RANGE \((\w+)\)$/.exec(rows[0]?.key ?? '')?.[1];
  if (!key) throw new Error(`${name} is partitioned in a way restore does not know.`);
  await client.query(
    `SELECT ${qualified(`${name}_partition_for`)}(month)
       FROM (SELECT DISTINCT date_trunc('month', ${quoteIdent(key)} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
               FROM ${staging}) months`,
  );
  const list = columns.join(', ');
  await client.query(`INSERT INTO ${qualified(name)} (${list}) SELECT ${list} FROM ${staging}`);
  await client.query(`DROP TABLE ${staging}`);
}

/** The COPY data of the table just begun, up to its end record. */
async function* rowsOf(
  frames: AsyncGenerator<Frame>,
  expected: { rows: number },
): AsyncGenerator<Buffer> {
  for (let next = await frames.next(); !next.done; next = await frames.next()) {
    if (next.value.kind === 'D') {
      yield next.value.payload;
    } else if (next.value.kind === 'E') {
      expected.rows = parseJson<{ rows: number }>(next.value.payload).rows;
      return;
    } else {
      break;
    }
  }
  throw new DumpIntegrityError('A table in the dump does not end where it should.');
}

function canonical(manifest: Partial<DumpManifest>): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, inner]) => [key, sorted(inner)]),
        )
      : value;
  return JSON.stringify(sorted(manifest));
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}
