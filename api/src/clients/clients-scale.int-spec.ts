import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { RUNTIME_ROLE } from '../database/database-roles';
import { applyRuntimeGrants } from '../database/runtime-grants';
import { buildClientListQuery, EXACT_TOTAL_UP_TO, type ClientListFilter } from './clients-query';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * With 20,000 clients in one clinic, the list queries must read a page off an index rather than
 * scan and sort the table: that is what keeps a page as fast as with 200 clients.
 */
describe('Client lists at clinic scale (20,000 files)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let runtime: DataSource;
  let clinicId: string;
  let therapistId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    [{ id: clinicId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO clinics (name, time_zone) VALUES ('Large Practice', 'America/Chicago') RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO users (clinic_id, email, display_name, role)
       SELECT $1, 'therapist' || n || '@large.example', 'Therapist ' || n, 'therapist' FROM generate_series(1, 20) n`,
      [clinicId],
    );
    [{ id: therapistId }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'therapist1@large.example'`,
    );
    await dataSource.query(
      `INSERT INTO clients (clinic_id, legal_name, status, primary_therapist_id)
       SELECT $1, initcap(s[1 + n % 31] || s[1 + (n / 31) % 31]) || ' ' || initcap(s[1 + (n / 961) % 31] || s[1 + (n * 7) % 31] || s[1 + (n * 13) % 31]),
              (ARRAY['prospect','active','paused','discharged']::client_status[])[1 + n % 4],
              (SELECT id FROM users WHERE email = 'therapist' || (1 + n % 20) || '@large.example')
       FROM generate_series(1, 20000) n,
            (SELECT ARRAY['ka','lo','mi','ren','tor','vel','san','dre','quin','bar','el','is','on','um','fa','gri',
                          'hol','jun','kes','lam','mor','nev','pax','rut','sol','tam','ux','vor','wen','yar','zed'] AS s) syllables`,
      [clinicId],
    );
    // A second, smaller clinic: an estimate must be of this clinic, not of the installation.
    await dataSource.query(
      `WITH k AS (INSERT INTO clinics (name, time_zone) VALUES ('Small Practice', 'America/Chicago') RETURNING id)
       INSERT INTO clients (clinic_id, legal_name) SELECT k.id, 'Small ' || n FROM k, generate_series(1, 3000) n`,
    );
    await dataSource.query('ANALYZE');
    await applyRuntimeGrants((sql) => dataSource.query(sql), RUNTIME_ROLE);
    runtime = await new DataSource(dataSourceOptions(database.runtimeUrl, 1)).initialize();
  });
  afterAll(async () => {
    await runtime.destroy();
    await dataSource.destroy();
    await database.drop();
  });

  async function plan(filter: Partial<ClientListFilter>): Promise<PlanNode[]> {
    const { page } = buildClientListQuery({
      clinicId,
      sort: 'name',
      page: 1,
      pageSize: 25,
      ...filter,
    });
    const [row] = await dataSource.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
      `EXPLAIN (FORMAT JSON) ${page[0]}`,
      page[1],
    );
    return nodes(row?.['QUERY PLAN'][0].Plan);
  }

  const scansOfClients = (plan: PlanNode[]) =>
    plan
      .filter((node) => node['Relation Name'] === 'clients')
      .map((node) => `${node['Node Type']} ${node['Index Name'] ?? ''}`.trim());

  it("reads the admin directory's first page off the name index, without sorting the clinic", async () => {
    const steps = await plan({});
    expect(scansOfClients(steps)).toEqual(['Index Scan clients_clinic_sort_idx']);
    expect(steps.some((node) => node['Node Type'] === 'Sort')).toBe(false);
  });

  it("reads a therapist's caseload off the therapist index", async () => {
    expect(scansOfClients(await plan({ therapistId }))).toEqual([
      'Index Scan clients_therapist_sort_idx',
    ]);
  });

  it('answers a name search from the trigram index', async () => {
    const steps = await plan({ q: 'quinmor' });
    expect(steps.map((node) => node['Index Name'])).toContain('clients_name_search_idx');
    expect(scansOfClients(steps)).not.toContain('Seq Scan');
  });

  it('returns the same first page the list query would (the plan is for the real query)', async () => {
    const { page } = buildClientListQuery({ clinicId, sort: 'name', page: 1, pageSize: 25 });
    const rows = await dataSource.query<{ legal_name: string }[]>(...page);
    const names = rows.map((row) => row.legal_name.toLowerCase());
    expect(rows).toHaveLength(25);
    expect(names).toEqual([...names].sort());
  });

  /** The planner's row estimate, as the app gets it: the runtime role, confined to the clinic. */
  function planRows([sql, parameters]: [string, unknown[]], clinic = clinicId): Promise<number> {
    return runtime.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.clinic_id', $1, true)`, [clinic]);
      const [row] = await manager.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
        sql,
        parameters,
      );
      return row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
    });
  }

  const listOf = (filter: Partial<ClientListFilter>) =>
    buildClientListQuery({ clinicId, sort: 'name', page: 1, pageSize: 25, ...filter });

  it('counts page 1 of an unfiltered list no further than the bound', async () => {
    for (const filter of [{}, { therapistId }]) {
      const { boundedCount } = listOf(filter);
      const [row] = await dataSource.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
        `EXPLAIN (FORMAT JSON) ${boundedCount[0]}`,
        boundedCount[1],
      );
      // The count sits on a Limit: it stops at the bound however large the clinic or caseload.
      const [aggregate] = nodes(row?.['QUERY PLAN'][0].Plan);
      expect(aggregate?.['Node Type']).toBe('Aggregate');
      expect(aggregate?.Plans?.[0]?.['Node Type']).toBe('Limit');
      const [{ total }] = await dataSource.query<{ total: number }[]>(...boundedCount);
      expect(total).toBe(filter.therapistId ? 1000 : EXACT_TOTAL_UP_TO + 1);
    }
  });

  it("estimates the clinic's and a caseload's size from statistics, not the other clinic's", async () => {
    const clinic = await planRows(listOf({}).estimate);
    expect(clinic).toBeGreaterThan(20000 * 0.8);
    expect(clinic).toBeLessThan(20000 * 1.2);
    // The small clinic is 13% of the files: its estimate is its own, not the installation's.
    const [{ id: small }] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM clinics WHERE name = 'Small Practice'`,
    );
    const smallClinic = await planRows(listOf({ clinicId: small }).estimate, small);
    expect(smallClinic).toBeGreaterThan(3000 * 0.8);
    expect(smallClinic).toBeLessThan(3000 * 1.2);
    // 20,000 files over 20 therapists.
    const caseload = await planRows(listOf({ therapistId }).estimate);
    expect(caseload).toBeGreaterThan(1000 * 0.7);
    expect(caseload).toBeLessThan(1000 * 1.3);
  });
});
