import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { OWNER_ROLE, prepareDatabaseRoles, RUNTIME_ROLE } from '../src/database/database-roles';
import { TEST_TEMPLATE, testOwnerUrl, testRuntimeUrl, testServerUrl } from './test-server';

export interface TestDatabase {
  name: string;
  /** Superuser: for what only a superuser may do (dropping, server settings). */
  url: string;
  /** The owner of the tables: migrations and fixtures. */
  ownerUrl: string;
  /** The least-privilege role the app runs as. */
  runtimeUrl: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template (roles and grants included). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEST_TEMPLATE];
  if (!template) throw new Error('No template database: run through jest.int.config.js.');
  const name = `cairn_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    const database = admin.escapeIdentifier(name);
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${admin.escapeIdentifier(template)}`);
    // Database-level grants live outside the database and are not copied from the template.
    await admin.query(`GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${OWNER_ROLE}`);
    await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${RUNTIME_ROLE}`);
  });
  return {
    name,
    url: testServerUrl(name),
    ownerUrl: testOwnerUrl(name),
    runtimeUrl: testRuntimeUrl(name),
    drop: async () => {
      await withAdmin((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/**
 * A database with nothing in it, not even the schema (restore builds it), with Cairn's roles
 * made ready as Cairn does on a server it is given a superuser for.
 */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const name = `cairn_empty_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`,
    ),
  );
  await prepareDatabaseRoles(testServerUrl(name), null);
  return {
    name,
    url: testServerUrl(name),
    ownerUrl: testOwnerUrl(name),
    runtimeUrl: testRuntimeUrl(name),
    drop: async () => {
      await withAdmin((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: testServerUrl('postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
