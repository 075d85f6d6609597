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
      // PostgreSQL's default random_page_cost (4) assumes spinning disks; with it the planner
      // passes over the trigram name index at clinic scale although the index is 3x faster.
      options: '-c random_page_cost=1.1',
    },
  };
}
