import { Client } from 'pg';
import { createEmptyTestDatabase, type TestDatabase } from '../../test/test-database';
import { bringSchemaTo, migrationNames } from '../backup/restore-schema';
import { RUNTIME_ROLE } from '../database/database-roles';
import { migrateDatabase } from '../database/migrate';

/** An installation from before clinic settings: its clinics get their defaults written out. */
describe('ClinicSettings migration', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(() => database.drop());

  it('backfills US Letter and the US crisis resources in US zones, A4 and none elsewhere', async () => {
    const before = migrationNames().filter((name) => name !== 'ClinicSettings1795542000000');
    await bringSchemaTo(database.ownerUrl, before, () => undefined);
    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        `INSERT INTO clinics (name, time_zone) VALUES ('Riverside', 'America/Chicago'), ('Harbour', 'Europe/Dublin')`,
      );
      await migrateDatabase(database.ownerUrl, RUNTIME_ROLE);
      const { rows } = await owner.query<Record<string, unknown>>(
        `SELECT name, paper_size, crisis_resources, sender_name, idle_timeout_minutes, address, phone
           FROM clinics ORDER BY name`,
      );
      expect(rows).toEqual([
        {
          name: 'Harbour',
          paper_size: 'a4',
          crisis_resources: '',
          sender_name: 'Harbour',
          idle_timeout_minutes: 15,
          address: null,
          phone: null,
        },
        {
          name: 'Riverside',
          paper_size: 'letter',
          crisis_resources: expect.stringContaining('Call or text 988') as unknown,
          sender_name: 'Riverside',
          idle_timeout_minutes: 15,
          address: null,
          phone: null,
        },
      ]);
      expect(String(rows[1]?.['crisis_resources'])).toContain('Call 911');
      await expect(
        owner.query(`UPDATE clinics SET idle_timeout_minutes = 60 WHERE name = 'Harbour'`),
      ).rejects.toThrow(/clinics_idle_timeout_range/);
    } finally {
      await owner.end();
    }
  });
});
