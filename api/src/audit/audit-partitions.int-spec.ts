import { Client as PgClient } from 'pg';
import { createClinic, createUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { Clock } from '../jobs/clock';
import type { User } from '../users/entities/user.entity';
import { AUDIT_MONTHS_AHEAD, AuditPartitionsJob } from './audit-partitions';
import { trailSql } from './audit-trail.service';

/** `audit_events_YYYY_MM` of the UTC month `step` months from now. */
function partitionName(step: number): string {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + step, 1));
  return `audit_events_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The audit trail partitioned by month: the months are there ahead of time, made by a function
 * the runtime role may call but not abuse; every partition is as closed to the runtime role as
 * the parent (append-only, one clinic's rows, no direct access); and a page of the trail reads
 * only the months and indexes it needs.
 */
describe('Audit trail partitions', () => {
  let test: TestApp;
  let clinicA: Clinic;
  let clinicB: Clinic;
  let therapistA: User;
  let runtime: PgClient;
  let superuser: PgClient;

  beforeAll(async () => {
    test = await createTestApp();
    clinicA = await createClinic(test.dataSource, { name: 'Clinic A' });
    clinicB = await createClinic(test.dataSource, { name: 'Clinic B' });
    therapistA = await createUser(test.dataSource, clinicA, 'therapist');
    runtime = new PgClient({ connectionString: test.database.runtimeUrl });
    superuser = new PgClient({ connectionString: test.database.url });
    await runtime.connect();
    await superuser.connect();
  });
  afterAll(async () => {
    await runtime.end();
    await superuser.end();
    await test.close();
  });

  /** Runs `work` as the runtime role in a transaction scoped to `clinicId`, rolled back. */
  async function scoped<T>(clinicId: string, work: () => Promise<T>): Promise<T> {
    await runtime.query('BEGIN');
    try {
      await runtime.query(`SELECT set_config('app.clinic_id', $1, true)`, [clinicId]);
      return await work();
    } finally {
      await runtime.query('ROLLBACK');
    }
  }

  async function partitions(): Promise<string[]> {
    const { rows } = await superuser.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_events'::regclass ORDER BY c.relname`,
    );
    return rows.map((row) => row.name);
  }

  it('is partitioned by range on the time, with this month and the next ones made, and no catch-all', async () => {
    const { rows } = await superuser.query<{ key: string }>(
      `SELECT pg_get_partkeydef('public.audit_events'::regclass) AS key`,
    );
    expect(rows[0]?.key).toBe('RANGE (occurred_at)');
    const made = await partitions();
    for (let step = 0; step <= AUDIT_MONTHS_AHEAD; step++)
      expect(made).toContain(partitionName(step));
    const { rows: defaults } = await superuser.query(
      `SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'public.audit_events'::regclass AND partdefid <> 0`,
    );
    expect(defaults).toEqual([]);
  });

  it('refuses an event dated in a month that has no partition, and stores nothing', async () => {
    const insert = (at: string) =>
      scoped(clinicA.id, async () => {
        await runtime.query(
          `INSERT INTO audit_events (clinic_id, action, outcome, occurred_at) VALUES ($1, 'auth.signed_in', 'success', $2)`,
          [clinicA.id, at],
        );
      });
    const error = (await insert('2999-06-15T12:00:00Z').catch((e: unknown) => e)) as {
      code?: string;
      message?: string;
    };
    expect(error.code).toBe('23514');
    expect(error.message).toMatch(/no partition of relation "audit_events" found for row/);
    const { rows } = await superuser.query(
      `SELECT 1 FROM audit_events WHERE occurred_at > '2999-01-01'`,
    );
    expect(rows).toEqual([]);
    // This month is there, so the same event dated now is taken.
    await expect(insert(new Date().toISOString())).resolves.toBeUndefined();
  });

  it('keeps every partition append-only and closed to the runtime role, whoever asks for which clinic', async () => {
    await test.dataSource.query(
      `INSERT INTO audit_events (clinic_id, user_id, action, outcome) VALUES ($1, $2, 'client.viewed', 'success'), ($3, NULL, 'client.viewed', 'success')`,
      [clinicA.id, therapistA.id, clinicB.id],
    );
    const current = partitionName(0);
    // Through the parent: one clinic's rows, no changes.
    const seen = await scoped(clinicA.id, async () => {
      const { rows } = await runtime.query<{ clinic_id: string }>(
        'SELECT DISTINCT clinic_id FROM audit_events',
      );
      return rows.map((row) => row.clinic_id);
    });
    expect(seen).toEqual([clinicA.id]);
    for (const sql of ['DELETE FROM audit_events', `UPDATE audit_events SET action = 'x'`])
      await expect(scoped(clinicA.id, () => runtime.query(sql))).rejects.toThrow(
        /permission denied for table audit_events$/,
      );
    // The partition itself: no privileges at all.
    for (const sql of [
      `SELECT count(*) FROM ${current}`,
      `DELETE FROM ${current}`,
      `UPDATE ${current} SET action = 'x'`,
      `INSERT INTO ${current} (clinic_id, action, outcome) VALUES ('${clinicB.id}', 'x', 'success')`,
      `TRUNCATE ${current}`,
    ])
      await expect(scoped(clinicA.id, () => runtime.query(sql))).rejects.toThrow(
        new RegExp(`permission denied for table ${current}`),
      );
    // Even were the partition granted by mistake, its own forced policies show one clinic only.
    await superuser.query('BEGIN');
    try {
      await superuser.query(`GRANT SELECT ON ${current} TO cairn_app`);
      await superuser.query('SET LOCAL ROLE cairn_app');
      await superuser.query(`SELECT set_config('app.clinic_id', $1, true)`, [clinicA.id]);
      const { rows } = await superuser.query<{ clinic_id: string }>(
        `SELECT DISTINCT clinic_id FROM ${current}`,
      );
      expect(rows.map((row) => row.clinic_id)).toEqual([clinicA.id]);
    } finally {
      await superuser.query('ROLLBACK');
    }
    // The triggers hold for the owner too, on the partition as on the parent.
    await expect(test.dataSource.query(`DELETE FROM ${current}`)).rejects.toThrow(/append-only/);
    await expect(test.dataSource.query(`UPDATE ${current} SET action = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(test.dataSource.query(`TRUNCATE ${current}`)).rejects.toThrow(/append-only/);
  });

  it('makes far months through the owner function idempotently, each as protected as the parent', async () => {
    const far = partitionName(24);
    expect(await partitions()).not.toContain(far);
    const call = async () => {
      const { rows } = await runtime.query<{ created: number }>(
        'SELECT audit_ensure_partitions(24) AS created',
      );
      return rows[0]?.created;
    };
    expect(await call()).toBe(24 - AUDIT_MONTHS_AHEAD);
    expect(await call()).toBe(0);
    expect(await partitions()).toContain(far);

    const { rows } = await superuser.query<{
      owner: string;
      rls: boolean;
      forced: boolean;
      acl: string | null;
      policies: string[];
      triggers: string[];
    }>(
      `SELECT pg_get_userbyid(c.relowner) AS owner, c.relrowsecurity AS rls,
              c.relforcerowsecurity AS forced, c.relacl::text AS acl,
              ARRAY(SELECT p.polname::text FROM pg_policy p WHERE p.polrelid = c.oid ORDER BY 1) AS policies,
              ARRAY(SELECT t.tgname::text FROM pg_trigger t WHERE t.tgrelid = c.oid ORDER BY t.tgname COLLATE "C") AS triggers
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [`public.${far}`],
    );
    expect(rows[0]).toEqual({
      owner: 'cairn_owner',
      rls: true,
      forced: true,
      acl: null,
      policies: ['audit_read', 'audit_write'],
      triggers: [`${far}_no_truncate`, 'audit_events_append_only'],
    });
    // The parent's indexes came with it (the key and the trail's six).
    const { rows: indexes } = await superuser.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_index WHERE indrelid = $1::regclass`,
      [`public.${far}`],
    );
    expect(Number(indexes[0]?.n)).toBe(7);
  });

  it('lets the runtime role make nothing but the coming months', async () => {
    await expect(runtime.query('SELECT audit_ensure_partitions(25)')).rejects.toThrow(
      /months_ahead must be between 0 and 24/,
    );
    await expect(
      runtime.query(`SELECT audit_events_partition_for('2001-01-01T00:00:00Z')`),
    ).rejects.toThrow(/permission denied for function audit_events_partition_for/);
    const { rows } = await superuser.query<{ secure: boolean; owner: string; config: string[] }>(
      `SELECT p.prosecdef AS secure, pg_get_userbyid(p.proowner) AS owner, p.proconfig AS config
         FROM pg_proc p WHERE p.oid = 'public.audit_ensure_partitions(integer)'::regprocedure`,
    );
    expect(rows[0]).toMatchObject({ secure: true, owner: 'cairn_owner' });
    expect(rows[0]?.config).toContain('search_path=pg_catalog, pg_temp');
    const { rows: callers } = await superuser.query<{ who: string }>(
      `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS who
         FROM pg_proc p, aclexplode(p.proacl) a
        WHERE p.oid = 'public.audit_ensure_partitions(integer)'::regprocedure AND a.privilege_type = 'EXECUTE'
        ORDER BY 1`,
    );
    expect(callers.map((row) => row.who)).toEqual(['cairn_app', 'cairn_owner']);
  });

  it('runs from the daily job at most once a day by the app clock', async () => {
    const job = test.app.get(AuditPartitionsJob);
    const clock = test.app.get(Clock);
    expect(await job.runIfDue()).toBe(0);
    expect(await job.runIfDue()).toBeNull();
    clock.advance(25 * 60 * 60 * 1000);
    expect(await job.runIfDue()).toBe(0);
  });

  it('reads a filtered page from the newest months through their indexes, and dates prune the rest', async () => {
    // Three months of one clinic's events (and another clinic's), enough for the planner to care.
    await test.dataSource.query(
      `INSERT INTO audit_events (clinic_id, user_id, action, outcome, occurred_at)
       SELECT CASE WHEN g % 4 = 0 THEN $2::uuid ELSE $1::uuid END,
              CASE WHEN g % 10 = 0 THEN $3::uuid ELSE gen_random_uuid() END,
              'client.viewed', 'success',
              date_trunc('month', now()) + (g % 3) * interval '1 month' + (g % 1000) * interval '1 minute'
         FROM generate_series(1, 30000) g`,
      [clinicA.id, clinicB.id, therapistA.id],
    );
    await test.dataSource.query('ANALYZE audit_events');
    const explain = (where: string[], params: unknown[]) =>
      scoped(clinicA.id, async () => {
        const sql = trailSql(where, params.length + 1);
        const { rows } = await runtime.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
          `EXPLAIN (FORMAT JSON) ${sql}`,
          [...params, 51],
        );
        const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
        if (!plan) throw new Error('EXPLAIN answered no plan');
        return nodesOf(plan);
      });

    // By person, no dates: index scans on the partitions, newest first, never a full scan or sort of them.
    const byPerson = await explain(
      ['e.clinic_id = $1', 'e.user_id = $2'],
      [clinicA.id, therapistA.id],
    );
    const scans = byPerson.filter((node) => node['Relation Name']?.startsWith('audit_events_'));
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) expect(scan['Node Type']).toMatch(/^Index( Only)? Scan$/);
    for (const scan of scans)
      expect(scan['Index Name']).toMatch(/clinic_id_user_id_occurred_at_idx$/);

    // A rare outcome (no refusals at all here) is found through its own index, not by walking
    // the clinic's whole history by time.
    const refused = await explain(['e.clinic_id = $1', 'e.outcome = $2'], [clinicA.id, 'denied']);
    // (The months made empty ahead are left to the planner: nothing to read there.)
    const filled = [0, 1, 2].map(partitionName);
    const refusedScans = refused.filter((node) => filled.includes(node['Relation Name'] ?? ''));
    expect(refusedScans).toHaveLength(3);
    const { rows: partial } = await superuser.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indpred IS NOT NULL AND pg_get_expr(i.indpred, i.indrelid) LIKE '%outcome%'`,
    );
    const unsuccessful = new Set(partial.map((row) => row.name));
    for (const scan of refusedScans) expect(unsuccessful.has(scan['Index Name'] ?? '')).toBe(true);

    // With a date range inside one month: that month's partition alone is read.
    const next = partitionName(1);
    const start = new Date();
    const from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 2));
    const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 20));
    const dated = await explain(
      ['e.clinic_id = $1', 'e.user_id = $2', 'e.occurred_at >= $3', 'e.occurred_at < $4'],
      [clinicA.id, therapistA.id, from, to],
    );
    const read = dated
      .map((node) => node['Relation Name'])
      .filter((name): name is string => !!name?.startsWith('audit_events'));
    expect(read).toEqual([next]);
  });
});
