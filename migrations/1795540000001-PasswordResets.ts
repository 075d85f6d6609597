import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time password reset links and the per-address and per-IP count of reset requests. */
export class PasswordResets1795540000001 implements MigrationInterface {
  name = 'PasswordResets1795540000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_resets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_password_resets" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "password_resets_user_idx" ON "password_resets" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_resets_hash_key" ON "password_resets" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "password_reset_throttles" ("throttle_key" character varying(300) NOT NULL, "request_count" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_password_reset_throttles" PRIMARY KEY ("throttle_key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "FK_06d2dad19874cd5efbdd87e004d" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "password_resets" ADD CONSTRAINT "FK_f7a4c3bc48f24df007936d217be" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Each clinic sees its own reset links only (see docs/tenancy.md).
    await queryRunner.query(`ALTER TABLE "password_resets" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "password_resets" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "password_resets" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "password_resets_no_truncate" BEFORE TRUNCATE ON "password_resets" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
    // Before anyone is signed in: whose a reset link is (like lookup_invite), past row-level
    // security, answering only the row's id and clinic.
    await queryRunner.query(
      `CREATE FUNCTION lookup_password_reset(p_token_hash text) RETURNS TABLE (reset_id uuid, clinic_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT r.id, r.clinic_id FROM public.password_resets r WHERE r.token_hash = p_token_hash $$`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION lookup_password_reset(text) FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lookup_password_reset(text)`);
    await queryRunner.query(`DROP TABLE "password_reset_throttles"`);
    await queryRunner.query(`DROP TABLE "password_resets"`);
  }
}
