import path from 'node:path';
import { localSecrets, type AppConfig } from '../config/app-config';
import { prepareDatabaseRoles, type DatabaseRoles } from './database-roles';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase extends DatabaseRoles {
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The configured server, or the embedded PostgreSQL kept under the data folder, with the roles
 * Cairn runs and migrates as (see database-roles.ts).
 */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const roles = await prepareDatabaseRoles(config.databaseUrl, config.migrationsDatabaseUrl);
    return { ...roles, embedded: false, stop: () => Promise.resolve() };
  }
  const server = await startEmbeddedPostgres({
    directory: path.join(config.dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    password: localSecrets(config.dataDir).databasePassword,
    database: 'cairn',
    log,
  });
  try {
    const roles = await prepareDatabaseRoles(server.url, null);
    return { ...roles, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
