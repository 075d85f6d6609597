import 'reflect-metadata';
import { Client } from 'pg';
import { openOwnerDatabase } from '../backup/owner-database';
import { loadConfig } from '../config/app-config';
import { ENTITIES } from '../database/entities';
import { clientTransactions, resealAll } from './resealing';

/**
 * `npm run keys:reseal` (in the image: `node dist/api/api/src/crypto/reseal-cli.js`) re-seals
 * every sealed value that is under an older key with the first key of ENCRYPTION_KEYS, as the
 * owner role, in batches (`RESEAL_BATCH`, default 500). Ctrl-C (or SIGTERM) stops after the
 * running batch; the next run carries on. Progress goes to standard error; the summary says
 * which old keys no value uses any more. Exits 1 when a value did not open, 3 when stopped.
 */
async function main(): Promise<void> {
  // The entity list registers which fields are sealed (not needed to walk columns; kept loaded
  // so the command and the app agree on one definition).
  void ENTITIES;
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`reseal: ${line}\n`);
  let stop = false;
  const onSignal = () => {
    if (!stop) log('Stopping after the running batch (run again to carry on)');
    stop = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const database = await openOwnerDatabase(config, log);
  const client = new Client({ connectionString: database.url, application_name: 'cairn-reseal' });
  await client.connect();
  const started = Date.now();
  try {
    const report = await resealAll(clientTransactions(client), config.encryption, {
      batchSize: Number(process.env['RESEAL_BATCH'] ?? 500) || 500,
      log,
      shouldStop: () => stop,
    });
    const resealed = Object.values(report.columns).reduce((sum, c) => sum + c.resealed, 0);
    const seconds = (Date.now() - started) / 1000;
    log(
      `Re-sealed ${resealed} values under key "${report.activeKeyId}" in ${seconds.toFixed(1)} s` +
        (seconds > 0 ? ` (${Math.round(resealed / seconds)} rows/s)` : ''),
    );
    log(
      `Values per key: ${Object.entries(report.valuesByKey)
        .map(([key, count]) => `${key}=${count}`)
        .join(', ')}`,
    );
    for (const key of report.removableKeys)
      log(
        `Key "${key}" is no longer used by any value: it may be removed from ENCRYPTION_KEYS ` +
          '(keep it with the backups made before this run, which still need it).',
      );
    if (report.unreadable.length) {
      for (const entry of report.unreadable)
        log(
          `Did not open: ${entry.table}.${entry.field} of record ${entry.id} (key "${entry.keyId}")`,
        );
      process.exitCode = 1;
    } else if (report.stopped) {
      log('Stopped before the end: run again to carry on.');
      process.exitCode = 3;
    } else {
      log('Every value is under the active key.');
    }
  } finally {
    await client.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Re-seal failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
