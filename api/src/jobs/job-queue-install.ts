import PgBoss from 'pg-boss';

/** pg-boss's tables live in a schema of their own in Cairn's database. */
export const JOB_SCHEMA = 'pgboss';

/** Wakes the message dispatcher; one waiting wake-up at a time ("short" policy), many may run. */
export const DISPATCH_QUEUE = 'messages-dispatch';
/** Sends scheduled questionnaires that have come due (by the app clock, in each clinic's zone). */
export const QUESTIONNAIRE_QUEUE = 'questionnaires-send';
/** Plans the once-a-day messages (therapists' digests, homework nudges) in each clinic's zone. */
export const DAILY_QUEUE = 'messages-daily';
/** Builds the record exports asked for (and drops expired ones); the job carries no data. */
export const RECORD_EXPORT_QUEUE = 'record-exports';
/** Makes the audit trail's coming months' partitions ahead of time (once a day in practice). */
export const AUDIT_PARTITIONS_QUEUE = 'audit-partitions';
/** A message that failed its last try lands here (the planned_messages row says `failed`). */
export const DEAD_LETTER_QUEUE = 'messages-dead';

/**
 * Creates (or upgrades) pg-boss's schema and Cairn's queues as the owner role, at start-up under
 * the maintenance lock, then lets the runtime role use them: read and write jobs, never change
 * the schema. The runtime side starts pg-boss with `migrate: false`, so it never migrates.
 */
export async function installJobQueue(ownerUrl: string, runtimeRole: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
    migrate: true,
  });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
      await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, policy: 'standard' });
    }
    for (const queue of [
      DISPATCH_QUEUE,
      QUESTIONNAIRE_QUEUE,
      DAILY_QUEUE,
      RECORD_EXPORT_QUEUE,
      AUDIT_PARTITIONS_QUEUE,
    ]) {
      if (await boss.getQueue(queue)) continue;
      await boss.createQueue(queue, {
        name: queue,
        policy: 'short',
        // A failed run is not retried: the next wake-up (at most a tick away) does it again.
        retryLimit: 0,
        expireInSeconds: 15 * 60,
      });
    }
    const role = `"${runtimeRole.replace(/"/g, '""')}"`;
    // One statement, so one transaction: workers of replicas already running never see the
    // moment between the revoke and the grant.
    await boss.getDb().executeSql(
      `DO $grants$ BEGIN
         GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${role};
         REVOKE ALL ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} FROM ${role};
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${role};
       END $grants$`,
      [],
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
