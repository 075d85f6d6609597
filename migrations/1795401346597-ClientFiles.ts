import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientFiles1795401346597 implements MigrationInterface {
  name = 'ClientFiles1795401346597';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."client_status" AS ENUM('prospect', 'active', 'paused', 'discharged')`,
    );
    await queryRunner.query(
      `CREATE TABLE "clients" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "legal_name" character varying(200) NOT NULL, "preferred_name" character varying(100), "pronouns" character varying(40), "date_of_birth" date, "email" character varying(254), "phone" character varying(40), "emergency_contact_name" character varying(200), "emergency_contact_relationship" character varying(80), "emergency_contact_phone" character varying(40), "status" "public"."client_status" NOT NULL DEFAULT 'prospect', "primary_therapist_id" uuid, "referral_source" character varying(200), "intake_date" date, "portal_user_id" uuid, "partner_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "clients_partner_not_self" CHECK ("partner_id" <> "id"), CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "clients_portal_user_key" ON "clients"  ("portal_user_id") WHERE "portal_user_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "clients_partner_key" ON "clients"  ("partner_id") WHERE "partner_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."relationship_status" AS ENUM('together', 'separated', 'deciding', 'single')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."disclosure_status" AS ENUM('not_discussed', 'discovered', 'partial_disclosure', 'formal_disclosure_planned', 'formal_disclosure_completed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "client_intakes" ("client_id" uuid NOT NULL, "presenting_concerns" text, "relationship_status" "public"."relationship_status", "disclosure_status" "public"."disclosure_status", "history" jsonb NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dc8d8638fde0d32cfe8148a64f0" PRIMARY KEY ("client_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."timeline_event_kind" AS ENUM('discovery', 'formal_disclosure', 'relapse_or_new_discovery', 'separation', 'reconciliation', 'couples_work_started', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "client_timeline_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "kind" "public"."timeline_event_kind" NOT NULL, "label" character varying(120), "occurred_on" date NOT NULL, "note" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "client_timeline_events_other_needs_label" CHECK ("kind" <> 'other' OR "label" IS NOT NULL), CONSTRAINT "PK_083cec1173b4be3ece603e88f31" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "client_timeline_events_client_idx" ON "client_timeline_events"  ("client_id", "occurred_on") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."treatment_phase" AS ENUM('safety_stabilisation', 'grieving_processing', 'rebuilding_reconnection')`,
    );
    await queryRunner.query(
      `CREATE TABLE "client_treatment_phases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "phase" "public"."treatment_phase" NOT NULL, "started_on" date NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a20362ac528028f6a1057b2eadb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "client_treatment_phases_day_key" ON "client_treatment_phases"  ("client_id", "started_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "account_invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7f0826bdc4c2883624a745acd4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "account_invites_user_idx" ON "account_invites"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "account_invites_hash_key" ON "account_invites"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "FK_a94eeef88769d60a9ee08a02c40" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "FK_ea7c6a226755c723640fd4b6096" FOREIGN KEY ("primary_therapist_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "FK_ef727ec81f5f9ad785738ca1d2e" FOREIGN KEY ("portal_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD CONSTRAINT "FK_628c0b2bd48412c961fe9f8e149" FOREIGN KEY ("partner_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_intakes" ADD CONSTRAINT "FK_dc8d8638fde0d32cfe8148a64f0" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_intakes" ADD CONSTRAINT "FK_b471bda244578d61723c9d6be05" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_timeline_events" ADD CONSTRAINT "FK_f9a65d7dc8679757c3dbbd93269" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_timeline_events" ADD CONSTRAINT "FK_5aa95e6ad66266a8d392f6ab19d" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_treatment_phases" ADD CONSTRAINT "FK_a1b474cd40757b1057e4fe0c7b7" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_treatment_phases" ADD CONSTRAINT "FK_c903ff87236a9df944dce97a366" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invites" ADD CONSTRAINT "FK_a8fc52ad92156c8c4e00d459275" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invites" ADD CONSTRAINT "FK_7f46a83c058c0726e7770f01aac" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Name search (ILIKE '%term%') and name order stay index-backed as a clinic grows; the
    // expressions must match the ones in clients-query.ts exactly. Names sort by the ICU root
    // collation (Çelik between bob and Dara), whatever locale the server was created with.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "clients_name_search_idx" ON "clients" USING gin (("legal_name" || ' ' || coalesce("preferred_name", '')) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "clients_clinic_sort_idx" ON "clients" ("clinic_id", lower(coalesce("preferred_name", "legal_name")) COLLATE "und-x-icu", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "clients_therapist_sort_idx" ON "clients" ("primary_therapist_id", lower(coalesce("preferred_name", "legal_name")) COLLATE "und-x-icu", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "clients_therapist_sort_idx"`);
    await queryRunner.query(`DROP INDEX "clients_clinic_sort_idx"`);
    await queryRunner.query(`DROP INDEX "clients_name_search_idx"`);
    await queryRunner.query(
      `ALTER TABLE "account_invites" DROP CONSTRAINT "FK_7f46a83c058c0726e7770f01aac"`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_invites" DROP CONSTRAINT "FK_a8fc52ad92156c8c4e00d459275"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_treatment_phases" DROP CONSTRAINT "FK_c903ff87236a9df944dce97a366"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_treatment_phases" DROP CONSTRAINT "FK_a1b474cd40757b1057e4fe0c7b7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_timeline_events" DROP CONSTRAINT "FK_5aa95e6ad66266a8d392f6ab19d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_timeline_events" DROP CONSTRAINT "FK_f9a65d7dc8679757c3dbbd93269"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_intakes" DROP CONSTRAINT "FK_b471bda244578d61723c9d6be05"`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_intakes" DROP CONSTRAINT "FK_dc8d8638fde0d32cfe8148a64f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" DROP CONSTRAINT "FK_628c0b2bd48412c961fe9f8e149"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" DROP CONSTRAINT "FK_ef727ec81f5f9ad785738ca1d2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" DROP CONSTRAINT "FK_ea7c6a226755c723640fd4b6096"`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" DROP CONSTRAINT "FK_a94eeef88769d60a9ee08a02c40"`,
    );
    await queryRunner.query(`DROP INDEX "public"."account_invites_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."account_invites_user_idx"`);
    await queryRunner.query(`DROP TABLE "account_invites"`);
    await queryRunner.query(`DROP INDEX "public"."client_treatment_phases_day_key"`);
    await queryRunner.query(`DROP TABLE "client_treatment_phases"`);
    await queryRunner.query(`DROP TYPE "public"."treatment_phase"`);
    await queryRunner.query(`DROP INDEX "public"."client_timeline_events_client_idx"`);
    await queryRunner.query(`DROP TABLE "client_timeline_events"`);
    await queryRunner.query(`DROP TYPE "public"."timeline_event_kind"`);
    await queryRunner.query(`DROP TABLE "client_intakes"`);
    await queryRunner.query(`DROP TYPE "public"."disclosure_status"`);
    await queryRunner.query(`DROP TYPE "public"."relationship_status"`);
    await queryRunner.query(`DROP INDEX "public"."clients_partner_key"`);
    await queryRunner.query(`DROP INDEX "public"."clients_portal_user_key"`);
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP TYPE "public"."client_status"`);
  }
}
