import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A record of every email sent (who, what kind, when, outcome), never its body. */
export class MailDeliveries1795540000000 implements MigrationInterface {
  name = 'MailDeliveries1795540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."mail_outcome" AS ENUM('pending', 'sent', 'failed', 'bounced')`,
    );
    await queryRunner.query(
      `CREATE TABLE "mail_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "recipient" character varying(254) NOT NULL, "outcome" "public"."mail_outcome" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "message_id" character varying(300), "last_error" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_mail_deliveries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mail_deliveries_recipient_idx" ON "mail_deliveries" ("clinic_id", "recipient", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_deliveries" ADD CONSTRAINT "FK_33f3dd9cfab17ded2e6b697861f" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Each clinic sees its own deliveries only (see docs/tenancy.md).
    await queryRunner.query(`ALTER TABLE "mail_deliveries" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "mail_deliveries" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "mail_deliveries" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "mail_deliveries_no_truncate" BEFORE TRUNCATE ON "mail_deliveries" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mail_deliveries"`);
    await queryRunner.query(`DROP TYPE "public"."mail_outcome"`);
  }
}
