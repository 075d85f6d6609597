import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter } from './app.setup';
import { PasswordHasher } from './auth/password-hasher';
import type { AppConfig } from './config/app-config';
import { FieldCipher } from './crypto/field-cipher';
import { openDatabase, type OpenDatabase } from './database/database-runtime';
import { dataSourceTransactions, sealClearValues } from './crypto/resealing';
import { applyMigrations, grantRuntimeRole, withMaintenanceLock } from './database/migrate';
import { ShutdownState } from './health/shutdown-state';
import { installJobQueue } from './jobs/job-queue-install';
import { syncEveryClinicLibrary } from './homework/homework-library-sync';
import { seedDemoData } from './seed/demo-seed';

export interface RunningServer {
  app: NestFastifyApplication;
  database: OpenDatabase;
  /** Migrations this start applied (none when another replica had applied them). */
  applied: string[];
  stop(): Promise<void>;
}

/**
 * Starts Cairn: the database (embedded or configured) and its roles, then, as the owner and one
 * replica at a time, the migrations, the runtime grants, the demo seed and every clinic's
 * homework library brought in step; then the API as the
 * runtime role. The owner's connection is closed before the app serves anyone.
 */
export async function startServer(
  config: AppConfig,
  logger: LoggerService,
): Promise<RunningServer> {
  const database = await openDatabase(config, (line) => {
    logger.debug?.(line, 'Postgres');
  });
  logger.log(
    database.embedded
      ? `Embedded PostgreSQL on port ${config.embeddedPostgresPort}`
      : 'Using DATABASE_URL',
  );
  if (database.provisioned && !database.embedded) {
    logger.warn(
      'DATABASE_URL names a superuser: Cairn made sure the roles cairn_owner and cairn_app exist ' +
        'and runs as cairn_app. In production give DATABASE_URL as the runtime role and ' +
        'MIGRATIONS_DATABASE_URL as the owner instead (docs/database-roles.md).',
    );
  }

  const { applied, seeded } = await withMaintenanceLock(database.ownerUrl, async (owner) => {
    const migrations = await applyMigrations(owner);
    await grantRuntimeRole(owner, database.runtimeRole);
    // Clear text left by a database from before sealing is sealed here, before the API listens
    // (a migration has no keys); resumable, and a no-op once done.
    await sealClearValues(dataSourceTransactions(owner), new FieldCipher(config.encryption), {
      log: (line) => {
        logger.log(line, 'Sealing');
      },
    });
    // The job queue's schema and queues, as the owner: the runtime side never migrates them.
    await installJobQueue(database.ownerUrl, database.runtimeRole);
    const seed = config.seedDemoData
      ? await seedDemoData(owner, new PasswordHasher(), new FieldCipher(config.encryption))
      : false;
    await syncEveryClinicLibrary(owner);
    return { applied: migrations, seeded: seed };
  });
  logger.log(
    applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date',
  );
  if (seeded) logger.log('Seeded the demo clinic');

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database.runtimeUrl),
    createHttpAdapter(config),
    // The body parsers are configureApp's: JSON only, with the limits it sets.
    { logger, bodyParser: false },
  );
  await configureApp(app, config, logger);
  await listenEverywhere(app, config.port);
  return {
    app,
    database,
    applied,
    stop: async () => {
      // Drain: health says 503 while requests keep being served, so a load balancer moves new
      // work to another replica; then the server closes, finishing the requests in flight.
      app.get(ShutdownState).draining = true;
      if (config.shutdownDrainMs > 0)
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      await app.close();
      await database.stop();
    },
  };
}

/**
 * Every interface, IPv6 and IPv4, as Node's own `listen(port)` does (Fastify would otherwise take
 * only localhost); IPv4 alone where the host has no IPv6.
 */
async function listenEverywhere(app: NestFastifyApplication, port: number): Promise<void> {
  try {
    await app.listen(port, '::');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
    await app.listen(port, '0.0.0.0');
  }
}
