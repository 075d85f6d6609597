import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { runBackup } from './backup';
import { loadBackupKeys } from './backup-key';
import { openOwnerDatabase } from './owner-database';

/**
 * `npm run backup -- <folder>` (in the image: `node dist/api/api/src/backup/backup-cli.js <folder>`)
 * writes an encrypted dump of the database Cairn is configured for into the folder and prints
 * its path on standard output; progress goes to standard error. Exits 1 on any failure.
 */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder)
    throw new Error('Name the folder to write the backup into: npm run backup -- <folder>');
  const config = loadConfig();
  const backupKeys = loadBackupKeys(config);
  const log = (line: string) => process.stderr.write(`backup: ${line}\n`);
  const started = Date.now();
  const database = await openOwnerDatabase(config, log);
  try {
    const { dumpPath, manifest } = await runBackup({ url: database.url, folder, backupKeys, log });
    const rows = Object.values(manifest.tables).reduce((total, count) => total + count, 0);
    log(
      `Wrote ${rows} rows of ${Object.keys(manifest.tables).length} tables, ` +
        `${(manifest.dumpBytes / 1024).toFixed(0)} KiB, sealed with backup key "${manifest.backupKeyId}", ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    process.stdout.write(`${dumpPath}\n`);
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
