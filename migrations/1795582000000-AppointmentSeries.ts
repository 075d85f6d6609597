import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A series of appointments gets a row of its own: the pattern it was booked from (every N weeks,
 * a wall-clock time in the clinic's zone, a count or an end date), so "this and following" can
 * split it. Series booked before this (weekly or fortnightly, by count) are given their row from
 * their appointments; the clinic's zone reads their first date and time.
 */
export class AppointmentSeries1795582000000 implements MigrationInterface {
  name = 'AppointmentSeries1795582000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "appointment_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "interval_weeks" smallint NOT NULL, "first_date" date NOT NULL, "local_time" character varying(5) NOT NULL, "duration_minutes" smallint NOT NULL, "time_zone" character varying(64) NOT NULL, "count" integer, "until" date, "previous_series_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointment_series_count_or_until" CHECK (("count" IS NULL) <> ("until" IS NULL)), CONSTRAINT "appointment_series_interval" CHECK ("interval_weeks" BETWEEN 1 AND 8), CONSTRAINT "PK_bd888c4bf857fc6a5ffbdf25c22" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointment_series_therapist_idx" ON "appointment_series"  ("therapist_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" ADD CONSTRAINT "FK_57ac29fa568708e4f3e9c82a6a9" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" ADD CONSTRAINT "FK_150aa49c442575805d946064293" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" ADD CONSTRAINT "FK_5e1d9ba95c4919da156b68249bf" FOREIGN KEY ("previous_series_id") REFERENCES "appointment_series"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" ADD CONSTRAINT "FK_fe7bc5dae20f6f55f4caf2d2998" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`INSERT INTO "appointment_series" ("id", "clinic_id", "therapist_id", "interval_weeks", "first_date", "local_time", "duration_minutes", "time_zone", "count", "created_by", "created_at")
SELECT a.series_id, a.clinic_id, a.therapist_id,
       GREATEST(1, LEAST(8, CASE WHEN count(*) > 1
         THEN round(extract(epoch FROM max(a.starts_at) - min(a.starts_at)) / 604800.0 / (count(*) - 1))
         ELSE 1 END))::smallint,
       (min(a.starts_at) AT TIME ZONE c.time_zone)::date,
       to_char(min(a.starts_at) AT TIME ZONE c.time_zone, 'HH24:MI'),
       (extract(epoch FROM (array_agg(a.ends_at - a.starts_at ORDER BY a.starts_at))[1]) / 60)::smallint,
       c.time_zone, count(*)::integer,
       (array_agg(a.created_by ORDER BY a.starts_at))[1], min(a.created_at)
  FROM "appointments" a JOIN "clinics" c ON c.id = a.clinic_id
 WHERE a.series_id IS NOT NULL
 GROUP BY a.series_id, a.clinic_id, a.therapist_id, c.time_zone`);
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_8c6cbcf42c0a7c8a39bd4da6e9b" FOREIGN KEY ("series_id") REFERENCES "appointment_series"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "appointment_series" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "appointment_series" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "appointment_series" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "appointment_series_no_truncate" BEFORE TRUNCATE ON "appointment_series" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_8c6cbcf42c0a7c8a39bd4da6e9b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" DROP CONSTRAINT "FK_fe7bc5dae20f6f55f4caf2d2998"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" DROP CONSTRAINT "FK_5e1d9ba95c4919da156b68249bf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" DROP CONSTRAINT "FK_150aa49c442575805d946064293"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointment_series" DROP CONSTRAINT "FK_57ac29fa568708e4f3e9c82a6a9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."appointment_series_therapist_idx"`);
    await queryRunner.query(`DROP TABLE "appointment_series"`);
  }
}
