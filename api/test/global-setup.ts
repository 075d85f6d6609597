import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres';
import { prepareDatabaseRoles } from '../src/database/database-roles';
import { migrateDatabase } from '../src/database/migrate';

import { freePort } from './free-port';
import { TEST_SERVER_URL, TEST_TEMPLATE, testServerUrl } from './test-server';

declare global {
  var cairnTestCluster: EmbeddedDatabase | undefined;
}

/**
 * Starts one PostgreSQL for the run (embedded, unless DATABASE_URL names a server) and builds a
 * template database with the roles, the migrations and the grants. Each test file clones the template, which takes
 * milliseconds, instead of migrating its own database.
 */
export default async function globalSetup(): Promise<void> {
  const runId = randomBytes(4).toString('hex');
  if (process.env['DATABASE_URL']) {
    process.env[TEST_SERVER_URL] = process.env['DATABASE_URL'];
  } else {
    const cluster = await startEmbeddedPostgres({
      directory: path.resolve(__dirname, '../../.data/test-clusters', runId),
      port: await freePort(),
      password: randomBytes(12).toString('hex'),
      database: 'postgres',
      ephemeral: true,
      // Durability is pointless for throwaway test data; this makes the run much faster.
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '200',
      },
    });
    globalThis.cairnTestCluster = cluster;
    process.env[TEST_SERVER_URL] = cluster.url;
  }

  const template = `cairn_template_${runId}`;
  const admin = new Client({ connectionString: testServerUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  } finally {
    await admin.end();
  }
  // The roles are made as the app makes them from a superuser URL; every test database cloned
  // from the template inherits its owner, row-level security and grants.
  const roles = await prepareDatabaseRoles(testServerUrl(template), null);
  await migrateDatabase(roles.ownerUrl, roles.runtimeRole);
  process.env[TEST_TEMPLATE] = template;
}
