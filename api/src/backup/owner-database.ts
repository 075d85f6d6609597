import path from 'node:path';
import { Client } from 'pg';
import { localSecrets, type AppConfig } from '../config/app-config';
import { prepareDatabaseRoles } from '../database/database-roles';
import { openDatabase, type OpenDatabase } from '../database/database-runtime';

/**
 * How backup and restore reach the database: as the role that owns the tables (the one
 * migrations run as; BYPASSRLS, so it reads every clinic's rows, and it may build the schema),
 * never as the runtime role. The one place that decides it.
 */
export function ownerDatabaseUrl(_config: AppConfig, database: OpenDatabase): string {
  return database.ownerUrl;
}

export interface OwnerDatabase {
  url: string;
  /** The role the app runs as: restore grants it what the access layer says. */
  runtimeRole: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The database the app is configured for, as its owner: DATABASE_URL's server (with
 * MIGRATIONS_DATABASE_URL as the owner where a DBA set the roles up), or the embedded PostgreSQL
 * under the data folder. When Cairn is running, its embedded server is already up and is used
 * as it is (starting a second one on the same folder would fail); otherwise it is started for
 * the command and stopped after.
 */
export async function openOwnerDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OwnerDatabase> {
  if (!config.databaseUrl) {
    const running = await runningEmbeddedUrl(config);
    if (running) {
      log(`Using the running embedded PostgreSQL on port ${config.embeddedPostgresPort}`);
      const roles = await prepareDatabaseRoles(running, null);
      const database = { ...roles, embedded: true, stop: () => Promise.resolve() };
      return { ...database, url: ownerDatabaseUrl(config, database) };
    }
    log(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'postgres')}`);
  }
  const database = await openDatabase(config, () => undefined);
  return { ...database, url: ownerDatabaseUrl(config, database) };
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
