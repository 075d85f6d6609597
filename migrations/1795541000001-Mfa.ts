import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables holding one clinic's rows: row-level security as in TenantIsolation. */
const TENANT_TABLES = ['totp_credentials', 'mfa_recovery_codes', 'mfa_challenges'];
const CURRENT_CLINIC = `NULLIF(current_setting('app.clinic_id', true), '')::uuid`;

/**
 * A second sign-in step: authenticator-app secrets (sealed), one-time recovery codes (hashed),
 * the short-lived challenge between password and code, and the clinic's "MFA required for
 * staff" flag. The challenge is found by its token before anyone is signed in, so that lookup is
 * a SECURITY DEFINER function like the others.
 */
export class Mfa1795541000001 implements MigrationInterface {
  name = 'Mfa1795541000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mfa_challenges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "purpose" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25d85a6da62620267e003fb4da4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mfa_challenges_user_idx" ON "mfa_challenges"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mfa_challenges_token_key" ON "mfa_challenges"  ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "mfa_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0076416b1b84361afc3371ba121" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "totp_credentials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "secret_key_id" character varying(40) NOT NULL, "secret_sealed" bytea NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48831fcc514f614444afa41742e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "totp_credentials_user_key" ON "totp_credentials"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "mfa_required_for_staff" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_challenges" ADD CONSTRAINT "FK_2555618a407d77badae99640882" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_challenges" ADD CONSTRAINT "FK_1715663f6483821e6af6132b35b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "FK_3e205256c8abbef984413896338" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "FK_23aa6c5fdecdd98508fd4456acf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "totp_credentials" ADD CONSTRAINT "FK_01a5aa7564abbd7c980d99440fc" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "totp_credentials" ADD CONSTRAINT "FK_e7500eeafa3a0dcb09090965589" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY tenant_isolation ON "${table}" USING (clinic_id = ${CURRENT_CLINIC}) WITH CHECK (clinic_id = ${CURRENT_CLINIC})`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
      );
    }
    await queryRunner.query(
      `CREATE FUNCTION lookup_mfa_challenge(p_token_hash text) RETURNS TABLE (challenge_id uuid, clinic_id uuid) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ SELECT c.id, c.clinic_id FROM public.mfa_challenges c WHERE c.token_hash = p_token_hash $$`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION lookup_mfa_challenge(text) FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lookup_mfa_challenge(text)`);
    for (const table of [...TENANT_TABLES].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
    }
    await queryRunner.query(
      `ALTER TABLE "totp_credentials" DROP CONSTRAINT "FK_e7500eeafa3a0dcb09090965589"`,
    );
    await queryRunner.query(
      `ALTER TABLE "totp_credentials" DROP CONSTRAINT "FK_01a5aa7564abbd7c980d99440fc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "FK_23aa6c5fdecdd98508fd4456acf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "FK_3e205256c8abbef984413896338"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_challenges" DROP CONSTRAINT "FK_1715663f6483821e6af6132b35b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mfa_challenges" DROP CONSTRAINT "FK_2555618a407d77badae99640882"`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "mfa_required_for_staff"`);
    await queryRunner.query(`DROP INDEX "public"."totp_credentials_user_key"`);
    await queryRunner.query(`DROP TABLE "totp_credentials"`);
    await queryRunner.query(`DROP INDEX "public"."mfa_recovery_codes_user_idx"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."mfa_challenges_token_key"`);
    await queryRunner.query(`DROP INDEX "public"."mfa_challenges_user_idx"`);
    await queryRunner.query(`DROP TABLE "mfa_challenges"`);
  }
}
