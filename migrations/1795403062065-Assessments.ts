import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessments1795403062065 implements MigrationInterface {
  name = 'Assessments1795403062065';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "measurement_schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "instrument_code" character varying(16) NOT NULL, "every_weeks" integer NOT NULL, "max_sends" integer, "sends_made" integer NOT NULL DEFAULT '0', "next_due_on" date, "active" boolean NOT NULL DEFAULT true, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_02678a66fe71cb0d5f771bc6e20" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "measurement_schedules_client_idx" ON "measurement_schedules"  ("client_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "measurement_schedules_due_idx" ON "measurement_schedules"  ("next_due_on") WHERE "active"`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."assessment_mode" AS ENUM('in_session', 'portal')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."assessment_status" AS ENUM('in_progress', 'completed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "instrument_code" character varying(16) NOT NULL, "instrument_version" character varying(8) NOT NULL, "mode" "public"."assessment_mode" NOT NULL, "status" "public"."assessment_status" NOT NULL DEFAULT 'in_progress', "answers" jsonb NOT NULL, "index_event" jsonb, "due_on" date, "result" jsonb, "total" numeric(6,2), "shared_with_client" boolean NOT NULL DEFAULT false, "replaces_id" uuid, "schedule_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by" uuid, CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_open_due_idx" ON "assessments"  ("clinic_id", "due_on") WHERE "status" = 'in_progress'`,
    );
    await queryRunner.query(
      `CREATE INDEX "assessments_client_idx" ON "assessments"  ("client_id", "instrument_code", "completed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "risk_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "rule_id" character varying(40) NOT NULL, "item_id" character varying(40) NOT NULL, "value" integer NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "acknowledgement_note" text, CONSTRAINT "PK_01362378bcc040917afecc52817" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "risk_flags_open_idx" ON "risk_flags"  ("clinic_id", "client_id") WHERE "acknowledged_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "risk_flags_rule_key" ON "risk_flags"  ("assessment_id", "rule_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement_schedules" ADD CONSTRAINT "FK_78d22278c8ea6a6e69a20c1d9ff" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement_schedules" ADD CONSTRAINT "FK_f47c193ee2cfab01b749f0709b1" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_ddc94f000b5b16f1f75bf397a59" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_dc4414cbb453883a052284d6989" FOREIGN KEY ("replaces_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_15e5691e930203ce8a2be5acaa3" FOREIGN KEY ("schedule_id") REFERENCES "measurement_schedules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_cba2d07506cc7a2033cb6b6b130" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_4fd859ff087216d608d43f6a580" FOREIGN KEY ("completed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_flags" ADD CONSTRAINT "FK_dc4364ecc726f550cff34ec325c" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_flags" ADD CONSTRAINT "FK_d25ddbd02b423c6c5ff3ac92d97" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_flags" ADD CONSTRAINT "FK_66d629ff9108c068437494f6ca3" FOREIGN KEY ("acknowledged_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A completed administration is a clinical record: its answers and scores never change and it
    // is never deleted. Only sharing the result with the client may change afterwards.
    await queryRunner.query(`CREATE FUNCTION refuse_completed_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'assessments are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'completed' AND (
          (NEW.answers, NEW.result, NEW.total, NEW.status, NEW.completed_at, NEW.completed_by, NEW.client_id,
           NEW.instrument_code, NEW.instrument_version, NEW.index_event)
          IS DISTINCT FROM
          (OLD.answers, OLD.result, OLD.total, OLD.status, OLD.completed_at, OLD.completed_by, OLD.client_id,
           OLD.instrument_code, OLD.instrument_version, OLD.index_event)
        ) THEN
          RAISE EXCEPTION 'completed assessment % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER assessments_completed_immutable BEFORE UPDATE OR DELETE ON "assessments" FOR EACH ROW EXECUTE FUNCTION refuse_completed_assessment_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER assessments_completed_immutable ON "assessments"`);
    await queryRunner.query(`DROP FUNCTION refuse_completed_assessment_change()`);
    await queryRunner.query(
      `ALTER TABLE "risk_flags" DROP CONSTRAINT "FK_66d629ff9108c068437494f6ca3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_flags" DROP CONSTRAINT "FK_d25ddbd02b423c6c5ff3ac92d97"`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_flags" DROP CONSTRAINT "FK_dc4364ecc726f550cff34ec325c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_4fd859ff087216d608d43f6a580"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_cba2d07506cc7a2033cb6b6b130"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_15e5691e930203ce8a2be5acaa3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_dc4414cbb453883a052284d6989"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" DROP CONSTRAINT "FK_ddc94f000b5b16f1f75bf397a59"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement_schedules" DROP CONSTRAINT "FK_f47c193ee2cfab01b749f0709b1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "measurement_schedules" DROP CONSTRAINT "FK_78d22278c8ea6a6e69a20c1d9ff"`,
    );
    await queryRunner.query(`DROP INDEX "public"."risk_flags_rule_key"`);
    await queryRunner.query(`DROP INDEX "public"."risk_flags_open_idx"`);
    await queryRunner.query(`DROP TABLE "risk_flags"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."assessments_open_due_idx"`);
    await queryRunner.query(`DROP TABLE "assessments"`);
    await queryRunner.query(`DROP TYPE "public"."assessment_status"`);
    await queryRunner.query(`DROP TYPE "public"."assessment_mode"`);
    await queryRunner.query(`DROP INDEX "public"."measurement_schedules_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."measurement_schedules_client_idx"`);
    await queryRunner.query(`DROP TABLE "measurement_schedules"`);
  }
}
