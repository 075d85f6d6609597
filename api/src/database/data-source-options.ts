import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@cairn/migrations';
import { ENTITIES } from './entities';

/**
 * The one data source definition: the app, the migration command, the schema check and the tests
 * all build their connection from it. The schema comes from migrations only.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // TypeORM's own query logging prints parameters, which may hold clinical text or hashes.
    logging: false,
    applicationName: 'cairn',
    extra: {
      max: poolSize,
      // Without a bound, a request waits forever for a database that does not answer (a dropped
      // network path); with it, the request gets a 503 and the client retries.
      connectionTimeoutMillis: 10_000,
      // PostgreSQL's default random_page_cost (4) assumes spinning disks; with it the planner
      // passes over the trigram name index at clinic scale although the index is 3x faster.
      options: '-c random_page_cost=1.1',
    },
  };
}
