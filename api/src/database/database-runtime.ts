import path from 'node:path';
import { localSecrets, type AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** The configured server, or the embedded PostgreSQL kept under the data folder. */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: () => Promise.resolve() };
  }
  const database = await startEmbeddedPostgres({
    directory: path.join(config.dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    password: localSecrets(config.dataDir).databasePassword,
    database: 'cairn',
    log,
  });
  return { ...database, embedded: true };
}
