import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { PasswordHasher } from './auth/password-hasher';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { openDatabase } from './database/database-runtime';
import { runMigrations } from './database/migrate';
import { FieldCipher } from './crypto/field-cipher';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/demo-seed';

async function main(): Promise<void> {
  const logger = new ConsoleLogger('Cairn', { json: true });
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(`Refusing to start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  logger.setLogLevels(levelsFrom(config.logLevel));

  const database = await openDatabase(config, (line) => logger.debug?.(line, 'Postgres'));
  logger.log(
    database.embedded
      ? `Embedded PostgreSQL on port ${config.embeddedPostgresPort}`
      : 'Using DATABASE_URL',
  );
  const applied = await runMigrations(database.url);
  logger.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date',
  );

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, database.url),
    { logger },
  );
  configureApp(app, config, logger);

  const seeded = config.seedDemoData
    ? await seedDemoData(app.get(DataSource), app.get(PasswordHasher), app.get(FieldCipher))
    : false;
  if (seeded) logger.log('Seeded the demo clinic');

  await app.listen(config.port);
  const stop = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  printWelcome(config);
}

function printWelcome(config: AppConfig): void {
  const url = `http://localhost:${config.port}`;
  const lines = [`Cairn is running at ${url}  (API docs: ${url}/api/docs)`];
  if (config.seedDemoData) {
    lines.push(`Demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) lines.push(`  ${user.role.padEnd(10)} ${user.email}`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

function levelsFrom(
  level: AppConfig['logLevel'],
): ('debug' | 'log' | 'warn' | 'error' | 'fatal')[] {
  const order = ['debug', 'log', 'warn', 'error', 'fatal'] as const;
  return order.slice(order.indexOf(level));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Cairn failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
