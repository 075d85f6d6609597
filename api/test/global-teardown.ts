import { Client } from 'pg';
import { TEST_TEMPLATE, testServerUrl } from './test-server';

/** Drops the template (on a shared server) and stops the embedded cluster, leaving nothing. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEST_TEMPLATE];
  if (template && !globalThis.cairnTestCluster) {
    const admin = new Client({ connectionString: testServerUrl('postgres') });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(template)}`)
      .finally(() => admin.end());
  }
  await globalThis.cairnTestCluster?.stop();
}
