import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProgressReports1795446870092 implements MigrationInterface {
  name = 'ProgressReports1795446870092';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."report_status" AS ENUM('draft', 'final')`);
    await queryRunner.query(
      `CREATE TABLE "progress_reports" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "author_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "status" "public"."report_status" NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "data_key_id" character varying(32) NOT NULL, "data_sealed" bytea NOT NULL, "narrative_key_id" character varying(32) NOT NULL, "narrative_sealed" bytea NOT NULL, "shared_with_client" boolean NOT NULL DEFAULT false, "finalized_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "progress_reports_final_complete" CHECK (("status" = 'draft' AND "finalized_at" IS NULL) OR ("status" = 'final' AND "finalized_at" IS NOT NULL)), CONSTRAINT "progress_reports_period" CHECK ("period_from" <= "period_to"), CONSTRAINT "PK_175179020a43d5ec75ab1d6a04f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "progress_reports_client_idx" ON "progress_reports"  ("client_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_5432e59f43988a56dc701d3b6c1" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" ADD CONSTRAINT "FK_f864824fd30ab3fb7a647192104" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A final report is a record: only whether it is shared with the client may change afterwards.
    await queryRunner.query(`CREATE FUNCTION refuse_final_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'final' AND (
          TG_OP = 'DELETE' OR
          (NEW.client_id, NEW.author_id, NEW.period_from, NEW.period_to, NEW.status, NEW.version, NEW.data_key_id,
           NEW.data_sealed, NEW.narrative_key_id, NEW.narrative_sealed, NEW.finalized_at, NEW.created_at)
          IS DISTINCT FROM
          (OLD.client_id, OLD.author_id, OLD.period_from, OLD.period_to, OLD.status, OLD.version, OLD.data_key_id,
           OLD.data_sealed, OLD.narrative_key_id, OLD.narrative_sealed, OLD.finalized_at, OLD.created_at)
        ) THEN
          RAISE EXCEPTION 'final report % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER progress_reports_final_immutable BEFORE UPDATE OR DELETE ON "progress_reports" FOR EACH ROW EXECUTE FUNCTION refuse_final_report_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER progress_reports_final_immutable ON "progress_reports"`);
    await queryRunner.query(`DROP FUNCTION refuse_final_report_change()`);
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_f864824fd30ab3fb7a647192104"`,
    );
    await queryRunner.query(
      `ALTER TABLE "progress_reports" DROP CONSTRAINT "FK_5432e59f43988a56dc701d3b6c1"`,
    );
    await queryRunner.query(`DROP INDEX "public"."progress_reports_client_idx"`);
    await queryRunner.query(`DROP TABLE "progress_reports"`);
    await queryRunner.query(`DROP TYPE "public"."report_status"`);
  }
}
