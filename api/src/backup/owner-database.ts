import path from 'node:path';
import { Client } from 'pg';
import { localSecrets, type AppConfig } from '../config/app-config';
import { openDatabase, type OpenDatabase } from '../database/database-runtime';

/**
 * How backup and restore reach the database as the role that owns the tables (the one migrations
 * run as; it reads every clinic's rows and may create the schema). Today the app itself connects
 * as that role, so it is the app's own URL. When the app runs as a role of its own, this is the
 * one place that changes.
 */
export function ownerDatabaseUrl(_config: AppConfig, database: OpenDatabase): Promise<string> {
  return Promise.resolve(database.url);
}

export interface OwnerDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The database the app is configured for, as its owner: DATABASE_URL's server, or the embedded
 * PostgreSQL under the data folder. When Cairn is running, its embedded server is already up and
 * is used as it is (starting a second one on the same folder would fail); otherwise it is started
 * for the command and stopped after.
 */
export async function openOwnerDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OwnerDatabase> {
  if (!config.databaseUrl) {
    const running = await runningEmbeddedUrl(config);
    if (running) {
      log(`Using the running embedded PostgreSQL on port ${config.embeddedPostgresPort}`);
      const database = { url: running, embedded: true, stop: () => Promise.resolve() };
      return { ...database, url: await ownerDatabaseUrl(config, database) };
    }
    log(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`);
  }
  const database = await openDatabase(config, () => undefined);
  return { ...database, url: await ownerDatabaseUrl(config, database) };
}

async function runningEmbeddedUrl(config: AppConfig): Promise<string | null> {
  const password = localSecrets(config.dataDir).databasePassword;
  const url = `postgres://cairn:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPostgresPort}/cairn`;
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    return null;
  }
  await probe.end();
  return url;
}
