import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Safety before conjoint work (each partner's sealed safety screen and the couple's safety
 * review) and readings as homework templates.
 */
export class ClinicalSafety1795520000001 implements MigrationInterface {
  name = 'ClinicalSafety1795520000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."safety_screen_mode" AS ENUM('in_session', 'portal')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."safety_screen_status" AS ENUM('in_progress', 'completed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "safety_screens" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "mode" "public"."safety_screen_mode" NOT NULL, "status" "public"."safety_screen_status" NOT NULL DEFAULT 'in_progress', "answers_key_id" character varying(40) NOT NULL, "answers_sealed" bytea NOT NULL, "needs_review" boolean, "due_on" date, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "safety_screens_completed" CHECK (("status" = 'completed') = ("completed_at" IS NOT NULL AND "needs_review" IS NOT NULL)), CONSTRAINT "PK_9f7c7d9b14f515f8daabf61be1a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_screens_client_idx" ON "safety_screens"  ("clinic_id", "client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."conjoint_decision" AS ENUM('proceed', 'proceed_with_safeguards', 'individual_only', 'postpone')`,
    );
    await queryRunner.query(
      `CREATE TABLE "safety_reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "partner_client_id" uuid NOT NULL, "screen_id" uuid, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decision" "public"."conjoint_decision", "note_key_id" character varying(40), "note_sealed" bytea, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, CONSTRAINT "safety_reviews_decided" CHECK (("decision" IS NULL) = ("decided_at" IS NULL) AND ("decision" IS NULL) = ("decided_by" IS NULL)), CONSTRAINT "safety_reviews_pair" CHECK ("client_id" <> "partner_client_id"), CONSTRAINT "PK_a6ee48b6820af7bbb7fd68a2007" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "safety_reviews_screen_key" ON "safety_reviews"  ("screen_id") WHERE "screen_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_reviews_partner_idx" ON "safety_reviews"  ("clinic_id", "partner_client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "safety_reviews_client_idx" ON "safety_reviews"  ("clinic_id", "client_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ADD "reading_key" character varying(60)`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ADD CONSTRAINT "homework_templates_reading" CHECK (("kind" = 'reading') = ("reading_key" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" ADD CONSTRAINT "FK_9af622ccaf76f58b9193eff2dd9" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" ADD CONSTRAINT "FK_361334f97c074667f41950c3d83" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" ADD CONSTRAINT "FK_01fefdcf30df6486c05dadec5ce" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" ADD CONSTRAINT "FK_31a6dc8cf5156fe48aa83f667be" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" ADD CONSTRAINT "FK_69d8d1c886fcc658b1531686222" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" ADD CONSTRAINT "FK_a04412b7d0b482f28682acc154e" FOREIGN KEY ("partner_client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" ADD CONSTRAINT "FK_2e0d9b654cae75ad88549f805b6" FOREIGN KEY ("screen_id") REFERENCES "safety_screens"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" ADD CONSTRAINT "FK_0a940807a40fd1b83d48680389f" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Each clinic sees its own screens and reviews only (see docs/tenancy.md).
    for (const table of ['safety_screens', 'safety_reviews']) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY tenant_isolation ON "${table}" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['safety_reviews', 'safety_screens']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" DROP CONSTRAINT "FK_0a940807a40fd1b83d48680389f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" DROP CONSTRAINT "FK_2e0d9b654cae75ad88549f805b6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" DROP CONSTRAINT "FK_a04412b7d0b482f28682acc154e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" DROP CONSTRAINT "FK_69d8d1c886fcc658b1531686222"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_reviews" DROP CONSTRAINT "FK_31a6dc8cf5156fe48aa83f667be"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" DROP CONSTRAINT "FK_01fefdcf30df6486c05dadec5ce"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" DROP CONSTRAINT "FK_361334f97c074667f41950c3d83"`,
    );
    await queryRunner.query(
      `ALTER TABLE "safety_screens" DROP CONSTRAINT "FK_9af622ccaf76f58b9193eff2dd9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" DROP CONSTRAINT "homework_templates_reading"`,
    );
    await queryRunner.query(`ALTER TABLE "homework_templates" DROP COLUMN "reading_key"`);
    await queryRunner.query(`DROP INDEX "public"."safety_reviews_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_reviews_partner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."safety_reviews_screen_key"`);
    await queryRunner.query(`DROP TABLE "safety_reviews"`);
    await queryRunner.query(`DROP TYPE "public"."conjoint_decision"`);
    await queryRunner.query(`DROP INDEX "public"."safety_screens_client_idx"`);
    await queryRunner.query(`DROP TABLE "safety_screens"`);
    await queryRunner.query(`DROP TYPE "public"."safety_screen_status"`);
    await queryRunner.query(`DROP TYPE "public"."safety_screen_mode"`);
  }
}
