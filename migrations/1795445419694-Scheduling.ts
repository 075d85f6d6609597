import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduling1795445419694 implements MigrationInterface {
  name = 'Scheduling1795445419694';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-added: GiST needs btree_gist for the "therapist_id WITH =" part of the exclusion.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TYPE "public"."appointment_kind" AS ENUM('consultation', 'intake', 'session', 'couples')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."appointment_status" AS ENUM('scheduled', 'completed', 'cancelled', 'no_show')`,
    );
    await queryRunner.query(
      `CREATE TABLE "appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "therapist_id" uuid NOT NULL, "kind" "public"."appointment_kind" NOT NULL, "status" "public"."appointment_status" NOT NULL DEFAULT 'scheduled', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" character varying(300), "client_id" uuid, "partner_client_id" uuid, "prospect_name" character varying(200), "prospect_email" character varying(254), "prospect_phone" character varying(40), "prospect_reason" character varying(300), "converted_client_id" uuid, "series_id" uuid, "override_reason" character varying(300), "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by" uuid, "cancel_reason" character varying(300), "late_cancellation" boolean NOT NULL DEFAULT false, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "appointments_cancel_has_reason" CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL AND "cancel_reason" IS NOT NULL)), CONSTRAINT "appointments_partner_only_for_couples" CHECK ("partner_client_id" IS NULL OR ("kind" = 'couples' AND "partner_client_id" <> "client_id")), CONSTRAINT "appointments_client_or_prospect" CHECK (("client_id" IS NULL) <> ("prospect_name" IS NULL) AND ("prospect_name" IS NULL OR "kind" = 'consultation')), CONSTRAINT "appointments_ends_after_start" CHECK ("ends_at" > "starts_at"), CONSTRAINT "appointments_at_most_four_hours" CHECK ("ends_at" <= "starts_at" + interval '4 hours'), CONSTRAINT "appointments_no_overlap" EXCLUDE USING gist ("therapist_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" IN ('scheduled', 'completed')), CONSTRAINT "PK_4a437a9a27e948726b8bb3e36ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_series_idx" ON "appointments"  ("series_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_partner_start_idx" ON "appointments"  ("partner_client_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_client_start_idx" ON "appointments"  ("client_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_clinic_start_idx" ON "appointments"  ("clinic_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_therapist_start_idx" ON "appointments"  ("therapist_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."availability_exception_kind" AS ENUM('time_off', 'extra_hours')`,
    );
    await queryRunner.query(
      `CREATE TABLE "availability_exceptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "therapist_id" uuid NOT NULL, "on_date" date NOT NULL, "kind" "public"."availability_exception_kind" NOT NULL, "starts_at" smallint, "ends_at" smallint, "note" character varying(200), CONSTRAINT "availability_exceptions_extra_has_times" CHECK ("kind" <> 'extra_hours' OR "starts_at" IS NOT NULL), CONSTRAINT "availability_exceptions_order" CHECK ("ends_at" IS NULL OR "ends_at" > "starts_at"), CONSTRAINT "availability_exceptions_times" CHECK (("starts_at" IS NULL) = ("ends_at" IS NULL)), CONSTRAINT "PK_f5a89a7a6221bc93b517a13351f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "availability_exceptions_therapist_idx" ON "availability_exceptions"  ("therapist_id", "on_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("therapist_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4205d7d1cce3cae05f908d8583c" PRIMARY KEY ("therapist_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "calendar_feeds_token_hash_key" ON "calendar_feeds"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "therapist_weekly_hours" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "therapist_id" uuid NOT NULL, "weekday" smallint NOT NULL, "starts_at" smallint NOT NULL, "ends_at" smallint NOT NULL, CONSTRAINT "therapist_weekly_hours_order" CHECK ("ends_at" > "starts_at"), CONSTRAINT "therapist_weekly_hours_weekday" CHECK ("weekday" BETWEEN 1 AND 7), CONSTRAINT "PK_7eb8663e11bf25fd639cbd01a3f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "therapist_weekly_hours_therapist_idx" ON "therapist_weekly_hours"  ("therapist_id", "weekday") `,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_5de9b36b534afa4cdfc183b9e41" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_21813b5b1e7553792e0d1662395" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_ccc5bbce58ad6bc96faa428b1e4" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_94b89a37277a74eb399e884eeff" FOREIGN KEY ("partner_client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_a90ffb143315fd103706b229dd5" FOREIGN KEY ("converted_client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_671b4499922315bccf6c4fa8c65" FOREIGN KEY ("cancelled_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_d7ca5e722b384f282042d92f4c1" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" ADD CONSTRAINT "FK_ae3ed0081ac0a35a7425e390e0d" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_4205d7d1cce3cae05f908d8583c" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "therapist_weekly_hours" ADD CONSTRAINT "FK_e3a4244e25782442d9b0a7955e8" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "therapist_weekly_hours" DROP CONSTRAINT "FK_e3a4244e25782442d9b0a7955e8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_4205d7d1cce3cae05f908d8583c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "availability_exceptions" DROP CONSTRAINT "FK_ae3ed0081ac0a35a7425e390e0d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_d7ca5e722b384f282042d92f4c1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_671b4499922315bccf6c4fa8c65"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_a90ffb143315fd103706b229dd5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_94b89a37277a74eb399e884eeff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_ccc5bbce58ad6bc96faa428b1e4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_21813b5b1e7553792e0d1662395"`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" DROP CONSTRAINT "FK_5de9b36b534afa4cdfc183b9e41"`,
    );
    await queryRunner.query(`DROP INDEX "public"."therapist_weekly_hours_therapist_idx"`);
    await queryRunner.query(`DROP TABLE "therapist_weekly_hours"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."availability_exceptions_therapist_idx"`);
    await queryRunner.query(`DROP TABLE "availability_exceptions"`);
    await queryRunner.query(`DROP TYPE "public"."availability_exception_kind"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_therapist_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_clinic_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_client_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_partner_start_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_series_idx"`);
    await queryRunner.query(`DROP TABLE "appointments"`);
    await queryRunner.query(`DROP TYPE "public"."appointment_status"`);
    await queryRunner.query(`DROP TYPE "public"."appointment_kind"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
