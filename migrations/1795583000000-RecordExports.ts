import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of a client's record built as a job: the request, the job's progress and the finished
 * zip, sealed by the application (bound to its row) and dropped when the export expires.
 */
export class RecordExports1795583000000 implements MigrationInterface {
  name = 'RecordExports1795583000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."record_export_audience" AS ENUM('staff', 'client')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."record_export_status" AS ENUM('requested', 'queued', 'running', 'ready', 'failed', 'expired')`,
    );
    await queryRunner.query(
      `CREATE TABLE "record_exports" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "audience" "public"."record_export_audience" NOT NULL, "clinical" boolean NOT NULL, "status" "public"."record_export_status" NOT NULL, "requested_by" uuid NOT NULL, "released_by" uuid, "released_at" TIMESTAMP WITH TIME ZONE, "steps_done" integer NOT NULL DEFAULT '0', "steps_total" integer NOT NULL, "archive_key_id" character varying(32), "archive_sealed" bytea, "bytes" integer, "error" character varying(300), "ready_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "record_exports_steps" CHECK ("steps_done" >= 0 AND "steps_done" <= "steps_total"), CONSTRAINT "PK_5f201af8ef87f97bf8abdef59c2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "record_exports_client_idx" ON "record_exports" ("clinic_id", "client_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "record_exports_status_idx" ON "record_exports" ("clinic_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "record_exports" ADD CONSTRAINT "FK_d8d86c64eac8eaa0d03b9f2a38d" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_exports" ADD CONSTRAINT "FK_f2d1fcbf96704fc629796a975a2" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_exports" ADD CONSTRAINT "FK_0b6cfe12677abed08ca3fa80721" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_exports" ADD CONSTRAINT "FK_a70a0c4b5c74c4e0f8f1bdff041" FOREIGN KEY ("released_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "record_exports" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "record_exports" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "record_exports" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "record_exports_no_truncate" BEFORE TRUNCATE ON "record_exports" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "record_exports"`);
    await queryRunner.query(`DROP TYPE "public"."record_export_status"`);
    await queryRunner.query(`DROP TYPE "public"."record_export_audience"`);
  }
}
