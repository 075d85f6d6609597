import { Client } from 'pg';
import { createEmptyTestDatabase, type TestDatabase } from '../../test/test-database';
import { bringSchemaTo, migrationNames } from '../backup/restore-schema';
import { RUNTIME_ROLE } from '../database/database-roles';
import { migrateDatabase } from '../database/migrate';

/** An installation from before series rows: its weekly and fortnightly series get theirs. */
describe('AppointmentSeries migration', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(() => database.drop());

  it('gives each existing series its pattern, read in the clinic zone across a clock change', async () => {
    const before = migrationNames().filter((name) => name !== 'AppointmentSeries1795582000000');
    await bringSchemaTo(database.ownerUrl, before, () => undefined);
    const owner = new Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      // A fortnightly series of three at 10:00 in Chicago, over the November 2027 change, and a
      // single appointment with no series.
      await owner.query(
        `WITH k AS (INSERT INTO clinics (name, time_zone) VALUES ('Riverside', 'America/Chicago') RETURNING id)
         INSERT INTO users (clinic_id, email, display_name, role)
         SELECT id, 't@example.test', 'T', 'therapist' FROM k`,
      );
      const { rows: ids } = await owner.query<{ clinic: string; therapist: string }>(
        `SELECT clinic_id AS clinic, id AS therapist FROM users`,
      );
      const { clinic, therapist } = ids[0] ?? { clinic: '', therapist: '' };
      const series = 'a4d7f0c2-9b1e-4c3a-8d2f-6e5b4a3c2d1e';
      for (const [start, seriesId] of [
        ['2027-10-25T15:00:00Z', series], // 10:00 CDT
        ['2027-11-08T16:00:00Z', series], // 10:00 CST
        ['2027-11-22T16:00:00Z', series],
        ['2027-11-23T16:00:00Z', null],
      ])
        await owner.query(
          `INSERT INTO appointments (clinic_id, therapist_id, kind, starts_at, ends_at, prospect_name, series_id, created_by)
           VALUES ($1, $2, 'consultation', $3::timestamptz, $3::timestamptz + interval '50 minutes', 'Sam', $4, $2)`,
          [clinic, therapist, start, seriesId],
        );
      await migrateDatabase(database.ownerUrl, RUNTIME_ROLE);
      const { rows } = await owner.query<Record<string, unknown>>(
        `SELECT id, interval_weeks, first_date::text, local_time, duration_minutes, time_zone, count, until
           FROM appointment_series`,
      );
      expect(rows).toEqual([
        {
          id: series,
          interval_weeks: 2,
          first_date: '2027-10-25',
          local_time: '10:00',
          duration_minutes: 50,
          time_zone: 'America/Chicago',
          count: 3,
          until: null,
        },
      ]);
    } finally {
      await owner.end();
    }
  });
});
