import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Changes of sign-in email waiting for the link sent to the new address. */
export class EmailChanges1795540000002 implements MigrationInterface {
  name = 'EmailChanges1795540000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "new_email" character varying(254) NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_email_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "email_changes_user_idx" ON "email_changes" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "email_changes_hash_key" ON "email_changes" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "email_changes" ADD CONSTRAINT "FK_c2f0239fe2dd779c3b03a973ad2" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_changes" ADD CONSTRAINT "FK_38edd6558e3b8386e9297c2636e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Each clinic sees its own pending changes only (see docs/tenancy.md).
    await queryRunner.query(`ALTER TABLE "email_changes" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "email_changes" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "email_changes" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "email_changes_no_truncate" BEFORE TRUNCATE ON "email_changes" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
    // The link is opened from the new mailbox, maybe on a device that is not signed in.
    await queryRunner.query(
      `CREATE FUNCTION lookup_email_change(p_token_hash text) RETURNS TABLE (change_id uuid, clinic_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT c.id, c.clinic_id FROM public.email_changes c WHERE c.token_hash = p_token_hash $$`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION lookup_email_change(text) FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lookup_email_change(text)`);
    await queryRunner.query(`DROP TABLE "email_changes"`);
  }
}
