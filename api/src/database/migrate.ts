import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { installJobQueue } from '../jobs/job-queue-install';
import { applyRuntimeGrants } from './runtime-grants';
import { ensureAuditPartitions } from '../audit/audit-partitions';

/** One key for everything that changes the schema or its fixed contents at start-up. */
const MAINTENANCE_LOCK = 2_026_120_102;

/**
 * Runs `work` on a one-connection owner data source while holding a session advisory lock, so
 * that N replicas booting together take turns: the first migrates, the others find nothing to do.
 * The connection is closed afterwards; no owner connection outlives start-up.
 */
export async function withMaintenanceLock<T>(
  ownerUrl: string,
  work: (owner: DataSource) => Promise<T>,
): Promise<T> {
  // One connection: the lock is held by a session, and every statement must run in that session.
  const owner = await new DataSource(dataSourceOptions(ownerUrl, 1)).initialize();
  try {
    await owner.query('SELECT pg_advisory_lock($1)', [MAINTENANCE_LOCK]);
    try {
      return await work(owner);
    } finally {
      await owner.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK]);
    }
  } finally {
    await owner.destroy();
  }
}

/**
 * Applies pending migrations, each in its own transaction, then makes sure the audit trail has
 * this month's partition and the next ones (a database left stopped past the months made ahead
 * gets them before anything is written). Returns the names applied.
 */
export async function applyMigrations(owner: DataSource): Promise<string[]> {
  const applied = await owner.runMigrations({ transaction: 'each' });
  await ensureAuditPartitions(owner.manager);
  return applied.map((migration) => migration.name);
}

/**
 * The runtime role's grants in one transaction: they are revoked and granted table by table, and
 * replicas already serving must never see the moment in between (a rolling restart would answer
 * "permission denied" there).
 */
export async function grantRuntimeRole(owner: DataSource, runtimeRole: string): Promise<void> {
  await owner.transaction((manager) =>
    applyRuntimeGrants((sql) => manager.query(sql), runtimeRole),
  );
}

/** Migrations, the runtime role's grants and the job queue's schema, under the maintenance lock. */
export async function migrateDatabase(ownerUrl: string, runtimeRole: string): Promise<string[]> {
  return withMaintenanceLock(ownerUrl, async (owner) => {
    const applied = await applyMigrations(owner);
    await grantRuntimeRole(owner, runtimeRole);
    await installJobQueue(ownerUrl, runtimeRole);
    return applied;
  });
}
