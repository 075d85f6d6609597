import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Homework1795445443575 implements MigrationInterface {
  name = 'Homework1795445443575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."homework_kind" AS ENUM('task', 'journal', 'check_in')`,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "library_key" character varying(60), "title" character varying(120) NOT NULL, "why" character varying(500) NOT NULL, "instructions" text NOT NULL, "kind" "public"."homework_kind" NOT NULL, "check_in_form" character varying(40), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "homework_templates_check_in_form" CHECK (("kind" = 'check_in') = ("check_in_form" IS NOT NULL)), CONSTRAINT "PK_61b8432f7a657bc376f80f4dd5d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_templates_clinic_idx" ON "homework_templates"  ("clinic_id", "title") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_templates_library_key" ON "homework_templates"  ("clinic_id", "library_key") WHERE "library_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."homework_frequency" AS ENUM('once', 'daily', 'weekly')`,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "template_id" uuid NOT NULL, "instructions" text NOT NULL, "frequency" "public"."homework_frequency" NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "partner_assignment_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "closed_on" date, "closed_by" uuid, CONSTRAINT "homework_assignments_closed" CHECK (("closed_on" IS NULL) = ("closed_at" IS NULL)), CONSTRAINT "homework_assignments_dates" CHECK ("ends_on" >= "starts_on"), CONSTRAINT "PK_6e96c9e0467aa788a4ce9c81ac5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_assignments_client_idx" ON "homework_assignments"  ("client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "homework_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "client_id" uuid NOT NULL, "occurs_on" date NOT NULL, "note" text, "answers" jsonb, "private" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_047b7b705f59e94544ebfbb54fc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "homework_entries_client_idx" ON "homework_entries"  ("client_id", "occurs_on") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "homework_entries_occurrence_key" ON "homework_entries"  ("assignment_id", "occurs_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ADD CONSTRAINT "FK_b1ad5b91dc2c26f45666bf023db" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ADD CONSTRAINT "FK_7a8f59df238c830741e3deb4bea" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" ADD CONSTRAINT "FK_906f15ed0887969ed3c34cdc65f" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" ADD CONSTRAINT "FK_aedb20e5b9e9b54478821084074" FOREIGN KEY ("template_id") REFERENCES "homework_templates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" ADD CONSTRAINT "FK_248e8741db23473d76773c809c0" FOREIGN KEY ("partner_assignment_id") REFERENCES "homework_assignments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" ADD CONSTRAINT "FK_08c81693308b2b958e1f677727c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" ADD CONSTRAINT "FK_b8a0eea037f4bd13931a4e96a2e" FOREIGN KEY ("closed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_entries" ADD CONSTRAINT "FK_8f069daffc5a91cd8925ab2a689" FOREIGN KEY ("assignment_id") REFERENCES "homework_assignments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_entries" ADD CONSTRAINT "FK_3fc8751dc7a905f3f56e463526e" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // An entry may be changed for 24 hours after it was written, then it is fixed; never deleted.
    await queryRunner.query(`CREATE FUNCTION refuse_fixed_homework_entry_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'homework entries are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.assignment_id <> OLD.assignment_id OR NEW.client_id <> OLD.client_id
          OR NEW.clinic_id <> OLD.clinic_id OR NEW.occurs_on <> OLD.occurs_on
          OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'a homework entry stays with its occurrence' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.created_at < now() - interval '24 hours' THEN
          RAISE EXCEPTION 'a homework entry is fixed 24 hours after it was written' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER homework_entries_fixed BEFORE UPDATE OR DELETE ON "homework_entries" FOR EACH ROW EXECUTE FUNCTION refuse_fixed_homework_entry_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER homework_entries_fixed ON "homework_entries"`);
    await queryRunner.query(`DROP FUNCTION refuse_fixed_homework_entry_change()`);
    await queryRunner.query(
      `ALTER TABLE "homework_entries" DROP CONSTRAINT "FK_3fc8751dc7a905f3f56e463526e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_entries" DROP CONSTRAINT "FK_8f069daffc5a91cd8925ab2a689"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" DROP CONSTRAINT "FK_b8a0eea037f4bd13931a4e96a2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" DROP CONSTRAINT "FK_08c81693308b2b958e1f677727c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" DROP CONSTRAINT "FK_248e8741db23473d76773c809c0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" DROP CONSTRAINT "FK_aedb20e5b9e9b54478821084074"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_assignments" DROP CONSTRAINT "FK_906f15ed0887969ed3c34cdc65f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" DROP CONSTRAINT "FK_7a8f59df238c830741e3deb4bea"`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" DROP CONSTRAINT "FK_b1ad5b91dc2c26f45666bf023db"`,
    );
    await queryRunner.query(`DROP INDEX "public"."homework_entries_occurrence_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_entries_client_idx"`);
    await queryRunner.query(`DROP TABLE "homework_entries"`);
    await queryRunner.query(`DROP INDEX "public"."homework_assignments_client_idx"`);
    await queryRunner.query(`DROP TABLE "homework_assignments"`);
    await queryRunner.query(`DROP TYPE "public"."homework_frequency"`);
    await queryRunner.query(`DROP INDEX "public"."homework_templates_library_key"`);
    await queryRunner.query(`DROP INDEX "public"."homework_templates_clinic_idx"`);
    await queryRunner.query(`DROP TABLE "homework_templates"`);
    await queryRunner.query(`DROP TYPE "public"."homework_kind"`);
  }
}
