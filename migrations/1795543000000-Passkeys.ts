import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_CLINIC = `NULLIF(current_setting('app.clinic_id', true), '')::uuid`;

/**
 * Passkeys (WebAuthn credentials) as a second sign-in step: the credential's id, its public key
 * (COSE), the signature counter the authenticator last reported and its transports. Nothing here
 * is secret, but it is one clinic's rows: row-level security as in TenantIsolation. The pending
 * registration challenge reuses `mfa_challenges` (purpose `passkey_register`).
 */
export class Passkeys1795543000000 implements MigrationInterface {
  name = 'Passkeys1795543000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "passkey_credentials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "clinic_id" uuid NOT NULL, "user_id" uuid NOT NULL, "credential_id" character varying(1400) NOT NULL, "public_key" bytea NOT NULL, "counter" bigint NOT NULL DEFAULT 0, "transports" text array NOT NULL DEFAULT '{}', "name" character varying(60) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_passkey_credentials" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "passkey_credentials_user_idx" ON "passkey_credentials" ("user_id")`,
    );
    // A credential id is globally unique by construction; one credential belongs to one account.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "passkey_credentials_credential_key" ON "passkey_credentials" ("credential_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "passkey_credentials" ADD CONSTRAINT "FK_73f5af51db9630a875885e526cf" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "passkey_credentials" ADD CONSTRAINT "FK_91cd69b8ae1aead8f3ff989f5aa" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "passkey_credentials" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "passkey_credentials" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "passkey_credentials" USING (clinic_id = ${CURRENT_CLINIC}) WITH CHECK (clinic_id = ${CURRENT_CLINIC})`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "passkey_credentials_no_truncate" BEFORE TRUNCATE ON "passkey_credentials" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "passkey_credentials_no_truncate" ON "passkey_credentials"`,
    );
    await queryRunner.query(`DROP POLICY tenant_isolation ON "passkey_credentials"`);
    await queryRunner.query(`DROP TABLE "passkey_credentials"`);
  }
}
