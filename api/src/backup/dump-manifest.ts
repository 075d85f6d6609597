import type { TableColumn } from './database-catalog';

export const DUMP_FORMAT = 'cairn-dump';
export const DUMP_FORMAT_VERSION = 1;

/**
 * What a dump holds, written in clear beside it (`<name>.manifest.json`) and sealed inside it
 * too: never a key, never a row. The copy inside is the one restore trusts; the one beside it
 * lets a person or a monitoring script check a backup without any key.
 */
export interface DumpManifest {
  format: typeof DUMP_FORMAT;
  formatVersion: typeof DUMP_FORMAT_VERSION;
  createdAt: string;
  /** The last migration the database had (by its timestamp). */
  schemaVersion: string;
  /**
   * Every migration it had applied, in the order they ran: restore builds exactly this schema
   * (usually all migrations up to `schemaVersion`; a database that applied a merged branch's
   * migration before an older one has a gap, and restore keeps it, for the app to fill).
   */
  migrations: string[];
  /** `server_version` of the PostgreSQL it was taken from. */
  server: string;
  /** Rows per table, counted in the dump's one snapshot. */
  tables: Record<string, number>;
  /** Ids of the data keys (ENCRYPTION_KEYS) that sealed fields in this dump: restore needs them. */
  encryptionKeyIds: string[];
  /** Id of the backup key (BACKUP_KEY) that sealed the dump itself. */
  backupKeyId: string;
}

/** The manifest beside the dump adds what only the finished file can say. */
export interface ManifestFile extends DumpManifest {
  dumpFile: string;
  dumpBytes: number;
  dumpSha256: string;
}

export interface DumpSequence {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** The first record inside a dump. */
export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  formatVersion: typeof DUMP_FORMAT_VERSION;
  schemaVersion: string;
  migrations: string[];
  createdAt: string;
  /** In load order: each table after the tables it references. */
  tables: { name: string; columns: TableColumn[] }[];
  sequences: DumpSequence[];
}

export function manifestPathOf(dumpPath: string): string {
  return dumpPath.replace(/\.dump$/, '') + '.manifest.json';
}
