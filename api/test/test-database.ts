import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_TEMPLATE, testServerUrl } from './test-server';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEST_TEMPLATE];
  if (!template) throw new Error('No template database: run through jest.int.config.js.');
  const name = `cairn_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`,
    ),
  );
  return {
    url: testServerUrl(name),
    drop: async () => {
      await withAdmin((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

/** A database with nothing in it, not even the schema (restore builds it). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const name = `cairn_empty_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`,
    ),
  );
  return {
    url: testServerUrl(name),
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
