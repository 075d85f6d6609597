import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages Cairn plans ahead (reminders, risk alerts, questionnaires waiting) as rows of its
 * own, written in the transaction of what causes them, sent by the dispatcher job; and the clinic's
 * and client's settings that decide them.
 */
export class PlannedMessages1795560000000 implements MigrationInterface {
  name = 'PlannedMessages1795560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."planned_message_status" AS ENUM('planned', 'held', 'sending', 'sent', 'failed', 'stopped')`,
    );
    await queryRunner.query(
      `CREATE TABLE "planned_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "channel" character varying(20) NOT NULL DEFAULT 'email', "recipient_user_id" uuid, "recipient_client_id" uuid, "subject_id" uuid, "dedup_key" character varying(200) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "held_until" TIMESTAMP WITH TIME ZONE, "status" "public"."planned_message_status" NOT NULL DEFAULT 'planned', "attempts" integer NOT NULL DEFAULT '0', "claimed_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(300), "message_id" character varying(300), "recipient_address" character varying(254), "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "planned_messages_dedup_key" UNIQUE ("clinic_id", "dedup_key"), CONSTRAINT "planned_messages_one_recipient" CHECK (("recipient_user_id" IS NULL) <> ("recipient_client_id" IS NULL)), CONSTRAINT "PK_planned_messages" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "planned_messages_due_idx" ON "planned_messages" ("clinic_id", "status", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "planned_messages_subject_idx" ON "planned_messages" ("clinic_id", "subject_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_messages" ADD CONSTRAINT "FK_planned_messages_clinic" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_messages" ADD CONSTRAINT "FK_planned_messages_user" FOREIGN KEY ("recipient_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "planned_messages" ADD CONSTRAINT "FK_planned_messages_client" FOREIGN KEY ("recipient_client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "planned_messages" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "planned_messages" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "planned_messages" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "planned_messages_no_truncate" BEFORE TRUNCATE ON "planned_messages" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );

    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "reminder_lead_hours" integer array NOT NULL DEFAULT '{48,2}'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "quiet_hours_start" integer NOT NULL DEFAULT '21'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "quiet_hours_end" integer NOT NULL DEFAULT '8'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "message_hold_minutes" integer NOT NULL DEFAULT '5'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "risk_escalation_hours" integer NOT NULL DEFAULT '24'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD "reminder_consent" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "reminder_consent"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "risk_escalation_hours"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "message_hold_minutes"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "quiet_hours_end"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "quiet_hours_start"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "reminder_lead_hours"`);
    await queryRunner.query(`DROP TABLE "planned_messages"`);
    await queryRunner.query(`DROP TYPE "public"."planned_message_status"`);
  }
}
