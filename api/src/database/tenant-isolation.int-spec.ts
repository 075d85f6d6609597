import { Client as PgClient } from 'pg';
import { createClient, createClinic, createUser } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { OWNER_ONLY_TABLES, RUNTIME_GRANTS } from './runtime-grants';

/**
 * The tenant boundary as PostgreSQL enforces it, tried as the app's own runtime role: whatever a
 * query forgets, the database shows one clinic's rows only, shows nothing without a clinic, and
 * refuses the statements that would destroy or rewrite the record.
 */
describe('Tenant isolation in PostgreSQL (as the runtime role)', () => {
  let test: TestApp;
  let clinicA: Clinic;
  let clinicB: Clinic;
  let runtime: PgClient;
  let owner: PgClient;

  beforeAll(async () => {
    test = await createTestApp();
    clinicA = await createClinic(test.dataSource, { name: 'Clinic A' });
    clinicB = await createClinic(test.dataSource, { name: 'Clinic B' });
    for (const clinic of [clinicA, clinicB]) {
      const therapist = await createUser(test.dataSource, clinic, 'therapist');
      await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
      await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
    }
    runtime = new PgClient({ connectionString: test.database.runtimeUrl });
    owner = new PgClient({ connectionString: test.database.ownerUrl });
    await runtime.connect();
    await owner.connect();
  });
  afterAll(async () => {
    await runtime.end();
    await owner.end();
    await test.close();
  });

  /** Runs `work` in a transaction scoped to `clinicId`, as the app does for a request. */
  async function scoped<T>(clinicId: string, work: () => Promise<T>): Promise<T> {
    await runtime.query('BEGIN');
    try {
      await runtime.query(`SELECT set_config('app.clinic_id', $1, true)`, [clinicId]);
      return await work();
    } finally {
      await runtime.query('ROLLBACK');
    }
  }

  async function count(sql: string): Promise<number> {
    const { rows } = await runtime.query<{ n: string }>(sql);
    return Number(rows[0]?.n);
  }

  it('connects as a role that is neither superuser, owner nor BYPASSRLS', async () => {
    const { rows } = await runtime.query<{ super: boolean; bypass: boolean; owned: string }>(
      `SELECT rolsuper AS super, rolbypassrls AS bypass,
              (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({ super: false, bypass: false, owned: '0' });
  });

  it('shows one clinic its own rows and none of another', async () => {
    const seen = await scoped(clinicA.id, async () => {
      const { rows } = await runtime.query<{ clinic_id: string }>('SELECT clinic_id FROM clients');
      return rows.map((row) => row.clinic_id);
    });
    expect(seen).toEqual([clinicA.id, clinicA.id]);
    const users = await scoped(clinicB.id, () => count('SELECT count(*) AS n FROM users'));
    expect(users).toBe(1);
    const clinics = await scoped(clinicB.id, async () => {
      const { rows } = await runtime.query<{ name: string }>('SELECT name FROM clinics');
      return rows.map((row) => row.name);
    });
    expect(clinics).toEqual(['Clinic B']);
  });

  it('shows nothing at all when no clinic is set, on a fresh or a reused connection', async () => {
    expect(await count('SELECT count(*) AS n FROM clients')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(0);
    // A connection that ran a scoped transaction reads the setting back as '' afterwards.
    await scoped(clinicA.id, () => count('SELECT count(*) AS n FROM clients'));
    const { rows } = await runtime.query<{ setting: string }>(
      `SELECT current_setting('app.clinic_id', true) AS setting`,
    );
    expect(rows[0]?.setting).toBe('');
    expect(await count('SELECT count(*) AS n FROM clients')).toBe(0);
    for (const table of Object.keys(RUNTIME_GRANTS).filter(
      (t) => t !== 'login_throttles' && t !== 'request_rate_limits',
    ))
      expect(await count(`SELECT count(*) AS n FROM ${table}`)).toBe(0);
  });

  it('refuses to write a row into another clinic', async () => {
    await expect(
      scoped(clinicA.id, () =>
        runtime.query(
          `INSERT INTO clients (clinic_id, legal_name, status) VALUES ($1, 'Planted', 'active')`,
          [clinicB.id],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const moved = await scoped(clinicA.id, () =>
      runtime.query(`UPDATE clients SET clinic_id = $1`, [clinicB.id]),
    ).catch((error: Error) => error);
    expect(moved).toBeInstanceOf(Error);
  });

  it('refuses TRUNCATE, changes to the audit trail and switching triggers off', async () => {
    await expect(runtime.query('TRUNCATE session_notes CASCADE')).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      scoped(clinicA.id, () => runtime.query('DELETE FROM audit_events')),
    ).rejects.toThrow(/permission denied/);
    await expect(
      scoped(clinicA.id, () => runtime.query(`UPDATE audit_events SET action = 'x'`)),
    ).rejects.toThrow(/permission denied/);
    await expect(scoped(clinicA.id, () => runtime.query('DELETE FROM clients'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(runtime.query('SET session_replication_role = replica')).rejects.toThrow(
      /permission denied/,
    );
    await expect(runtime.query('ALTER TABLE clients DISABLE ROW LEVEL SECURITY')).rejects.toThrow(
      /must be owner/,
    );
    await expect(runtime.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toThrow(
      /must be owner/,
    );
  });

  it('refuses TRUNCATE of a clinical table even to the owner', async () => {
    await expect(owner.query('TRUNCATE clients CASCADE')).rejects.toThrow(/TRUNCATE refused/);
    const { rows } = await owner.query<{ n: string }>('SELECT count(*) AS n FROM clients');
    expect(Number(rows[0]?.n)).toBe(4);
  });

  it('has decided every table: grants for the runtime role, row-level security on tenant data', async () => {
    const { rows: tables } = await owner.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    const decided = new Set<string>([...Object.keys(RUNTIME_GRANTS), ...OWNER_ONLY_TABLES]);
    expect(tables.map((t) => t.name).filter((name) => !decided.has(name))).toEqual([]);

    // Partitions are reached through their parent only: the runtime role holds nothing on them.
    const { rows: partitionGrants } = await owner.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
              aclexplode(c.relacl) a
        WHERE n.nspname = 'public' AND c.relispartition AND a.grantee <> c.relowner`,
    );
    expect(partitionGrants).toEqual([]);

    const { rows: unprotected } = await owner.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relkind = 'r'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'clinic_id')
          AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                   AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
                   AND EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgtype & 32 = 32))`,
    );
    expect(unprotected.map((row) => row.name)).toEqual([]);

    const { rows: truncatable } = await owner.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.role_table_grants
        WHERE grantee = 'cairn_app' AND privilege_type = 'TRUNCATE'`,
    );
    expect(truncatable).toEqual([]);
  });
});
