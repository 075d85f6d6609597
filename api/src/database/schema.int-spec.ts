import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { dataSourceOptions } from './data-source-options';
import { diffEntitiesAgainstDatabase } from './schema-diff';
import { MIGRATIONS } from '@cairn/migrations';

describe('Database schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.ownerUrl, 2)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('built by the migrations, matches the entities exactly (run npm run migration:generate if not)', async () => {
    const diff = await diffEntitiesAgainstDatabase(dataSource);
    expect(diff.up).toEqual([]);
  });

  it('lists the migrations in the order they run (by timestamp), so merges cannot reorder them', () => {
    const stamps = MIGRATIONS.map((migration) => Number(/(\d{13})$/.exec(migration.name)?.[1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('can be taken down by every migration and built up again', async () => {
    const count = dataSource.migrations.length;
    for (let step = 0; step < count; step++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await dataSource.query<{ tables: string }[]>(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    expect(Number(tables)).toBe(0);
    const reapplied = await dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(count);
    expect((await diffEntitiesAgainstDatabase(dataSource)).up).toEqual([]);
  });

  it('upgrades an installation from before tenant isolation: every record gains its clinic', async () => {
    // Back to the schema of the last release without clinic_id on the ten tables…
    const undo =
      dataSource.migrations.length -
      MIGRATIONS.findIndex((migration) => migration.name === 'TenantIsolation1795500000000');
    for (let step = 0; step < undo; step++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    // …with one record in each of them, written as that release did (addenda already signed).
    await dataSource.query(`
      WITH k AS (INSERT INTO clinics (name, time_zone) VALUES ('Old Clinic', 'America/Chicago') RETURNING id),
           t AS (INSERT INTO users (clinic_id, email, display_name, role) SELECT id, 'old-t@example.test', 'T', 'therapist' FROM k RETURNING id, clinic_id),
           c AS (INSERT INTO clients (clinic_id, legal_name, primary_therapist_id) SELECT clinic_id, 'Old Client', id FROM t RETURNING id, clinic_id, primary_therapist_id),
           s AS (INSERT INTO auth_sessions (user_id, last_used_at, expires_at) SELECT id, now(), now() + interval '1 hour' FROM t RETURNING id),
           r AS (INSERT INTO refresh_tokens (session_id, token_hash) SELECT id, repeat('a', 64) FROM s RETURNING id),
           i AS (INSERT INTO client_intakes (client_id, history, updated_by) SELECT id, '{}', primary_therapist_id FROM c RETURNING client_id),
           e AS (INSERT INTO client_timeline_events (client_id, kind, occurred_on, created_by) SELECT id, 'discovery', '2026-01-01', primary_therapist_id FROM c RETURNING id),
           p AS (INSERT INTO client_treatment_phases (client_id, phase, started_on, recorded_by) SELECT id, 'safety_stabilisation', '2026-01-01', primary_therapist_id FROM c RETURNING id),
           n AS (INSERT INTO session_notes (id, clinic_id, client_id, author_id, kind, template_code, service_type, session_at, duration_minutes, content_key_id, content_sealed)
                 SELECT gen_random_uuid(), clinic_id, id, primary_therapist_id, 'progress', 'soap', 'individual_45', now(), 45, 'k1', '\\x00' FROM c RETURNING id, author_id),
           a AS (INSERT INTO note_addenda (id, note_id, author_id, content_key_id, content_sealed, content_hash) SELECT gen_random_uuid(), id, author_id, 'k1', '\\x00', repeat('b', 64) FROM n RETURNING id),
           v AS (INSERT INTO account_invites (user_id, token_hash, created_by, expires_at) SELECT id, repeat('c', 64), id, now() FROM t RETURNING id),
           w AS (INSERT INTO therapist_weekly_hours (therapist_id, weekday, starts_at, ends_at) SELECT id, 1, 540, 600 FROM t RETURNING id),
           x AS (INSERT INTO availability_exceptions (therapist_id, on_date, kind) SELECT id, '2026-01-02', 'time_off' FROM t RETURNING id),
           f AS (INSERT INTO calendar_feeds (therapist_id, token_hash) SELECT id, repeat('d', 64) FROM t RETURNING therapist_id)
      SELECT 1`);
    await dataSource.runMigrations({ transaction: 'each' });
    const [clinic] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM clinics WHERE name = 'Old Clinic'`,
    );
    for (const table of [
      'auth_sessions',
      'refresh_tokens',
      'client_intakes',
      'client_timeline_events',
      'client_treatment_phases',
      'note_addenda',
      'account_invites',
      'therapist_weekly_hours',
      'availability_exceptions',
      'calendar_feeds',
    ]) {
      const rows = await dataSource.query<{ clinic_id: string }[]>(
        `SELECT clinic_id FROM ${table}`,
      );
      expect({ table, clinics: rows.map((row) => row.clinic_id) }).toEqual({
        table,
        clinics: [clinic?.id],
      });
    }
    // The addendum is append-only again once the column is filled.
    await expect(
      dataSource.query(`UPDATE note_addenda SET content_hash = repeat('e', 64)`),
    ).rejects.toThrow(/append-only/);
  });
});
