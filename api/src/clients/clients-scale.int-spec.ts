import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { dataSourceOptions } from '../database/data-source-options';
import { buildClientListQuery, type ClientListFilter } from './clients-query';

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
    await dataSource.query('ANALYZE');
  });
  afterAll(async () => {
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
});
