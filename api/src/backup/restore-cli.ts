import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { loadBackupKeys } from './backup-key';
import { openOwnerDatabase } from './owner-database';
import { runRestore } from './restore';

/**
 * `npm run restore -- <file.dump>` (in the image: `node dist/api/api/src/backup/restore-cli.js
 * <file.dump>`) restores a dump into the database Cairn is configured for, which must be empty.
 * It does not start the app. Exits 1 on any failure, leaving no restored rows behind.
 */
async function main(): Promise<void> {
  const dumpPath = process.argv[2];
  if (!dumpPath) throw new Error('Name the dump to restore: npm run restore -- <file.dump>');
  const config = loadConfig();
  const backupKeys = loadBackupKeys(config);
  const log = (line: string) => process.stderr.write(`restore: ${line}\n`);
  const started = Date.now();
  const database = await openOwnerDatabase(config, log);
  try {
    const result = await runRestore({
      url: database.url,
      runtimeRole: database.runtimeRole,
      dumpPath,
      backupKeys,
      encryption: config.encryption,
      log,
    });
    const rows = Object.values(result.tables).reduce((total, count) => total + count, 0);
    const opened = Object.entries(result.sealedOpened)
      .map(([column, count]) => `${column} ${count}`)
      .join(', ');
    log(
      `Row counts match the manifest: ${rows} rows in ${Object.keys(result.tables).length} tables`,
    );
    log(`Sealed fields opened with ENCRYPTION_KEYS: ${opened || 'none in this dump'}`);
    log(
      `Restored the backup of ${result.createdAt} (schema ${result.schemaVersion}) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s. Start Cairn to apply any newer migrations.`,
    );
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Restore failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
