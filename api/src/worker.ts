import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, requireMailTransport, type AppConfig } from './config/app-config';
import { openDatabase } from './database/database-runtime';
import { migrateDatabase } from './database/migrate';

/**
 * `npm run worker` (or `node dist/api/api/src/worker.js`): the job workers alone, without HTTP,
 * for a deployment that scales API and workers apart (the API then runs with `WORKERS=off`).
 * It brings the schema and the job queue up to date under the same lock as the API, then runs
 * as the runtime role. It needs a database server (DATABASE_URL): the embedded one belongs to
 * the `npm start` process.
 */
async function main(): Promise<void> {
  const logger = new ConsoleLogger('Cairn worker', { json: true });
  let config: AppConfig;
  try {
    const base = loadConfig();
    requireMailTransport(base);
    if (!base.databaseUrl) {
      throw new ConfigError(
        'npm run worker needs DATABASE_URL (the embedded database is for npm start).',
      );
    }
    config = { ...base, jobs: { ...base.jobs, workers: true } };
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase(config, () => undefined);
  await migrateDatabase(database.ownerUrl, database.runtimeRole);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config, database.runtimeUrl),
    { logger },
  );
  app.enableShutdownHooks();
  logger.log('Workers started');
  const stop = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Cairn worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
