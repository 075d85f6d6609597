import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionNotes1795445670980 implements MigrationInterface {
  name = 'SessionNotes1795445670980';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."note_kind" AS ENUM('progress', 'psychotherapy')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."service_type" AS ENUM('intake', 'individual_45', 'individual_60', 'couples_with_client', 'consultation')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."note_status" AS ENUM('draft', 'signed')`);
    await queryRunner.query(
      `CREATE TABLE "session_notes" ("id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "client_id" uuid NOT NULL, "author_id" uuid NOT NULL, "kind" "public"."note_kind" NOT NULL, "template_code" character varying(24) NOT NULL, "service_type" "public"."service_type" NOT NULL, "cpt_code" character varying(5), "appointment_id" uuid, "session_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "status" "public"."note_status" NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "content_key_id" character varying(32) NOT NULL, "content_sealed" bytea NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE, "content_hash" character(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_notes_signature_complete" CHECK (("status" = 'draft' AND "signed_at" IS NULL AND "content_hash" IS NULL) OR ("status" = 'signed' AND "signed_at" IS NOT NULL AND "content_hash" IS NOT NULL)), CONSTRAINT "session_notes_duration_range" CHECK ("duration_minutes" BETWEEN 5 AND 480), CONSTRAINT "PK_c0c90f57f8af96a8b1252f86ef0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "session_notes_author_drafts_idx" ON "session_notes"  ("author_id", "session_at") WHERE "status" = 'draft'`,
    );
    await queryRunner.query(
      `CREATE INDEX "session_notes_client_idx" ON "session_notes"  ("client_id", "session_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "note_addenda" ("id" uuid NOT NULL, "note_id" uuid NOT NULL, "author_id" uuid NOT NULL, "content_key_id" character varying(32) NOT NULL, "content_sealed" bytea NOT NULL, "content_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a69256c8080edd84fcca20e6c92" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "note_addenda_note_idx" ON "note_addenda"  ("note_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "session_notes" ADD CONSTRAINT "FK_7ac64ad70c846ed5f3408fb1e38" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_notes" ADD CONSTRAINT "FK_ca74b4189e4078482c02f31a3e0" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_f9e3f4c076f9f63e8d5e02ebbfb" FOREIGN KEY ("note_id") REFERENCES "session_notes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" ADD CONSTRAINT "FK_17873748e721e4e476b51c478ef" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A signed note is a legal record: the database refuses to change or delete it, whatever the
    // application does. A draft may change, and becoming signed is its last change.
    await queryRunner.query(`CREATE FUNCTION refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'signed note % cannot be changed or deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER session_notes_signed_immutable BEFORE UPDATE OR DELETE ON "session_notes" FOR EACH ROW EXECUTE FUNCTION refuse_signed_note_change()`,
    );
    // Addenda are append-only.
    await queryRunner.query(`CREATE FUNCTION refuse_addendum_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'note addenda are append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER note_addenda_append_only BEFORE UPDATE OR DELETE ON "note_addenda" FOR EACH ROW EXECUTE FUNCTION refuse_addendum_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER note_addenda_append_only ON "note_addenda"`);
    await queryRunner.query(`DROP FUNCTION refuse_addendum_change()`);
    await queryRunner.query(`DROP TRIGGER session_notes_signed_immutable ON "session_notes"`);
    await queryRunner.query(`DROP FUNCTION refuse_signed_note_change()`);
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_17873748e721e4e476b51c478ef"`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_addenda" DROP CONSTRAINT "FK_f9e3f4c076f9f63e8d5e02ebbfb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_notes" DROP CONSTRAINT "FK_ca74b4189e4078482c02f31a3e0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_notes" DROP CONSTRAINT "FK_7ac64ad70c846ed5f3408fb1e38"`,
    );
    await queryRunner.query(`DROP INDEX "public"."note_addenda_note_idx"`);
    await queryRunner.query(`DROP TABLE "note_addenda"`);
    await queryRunner.query(`DROP INDEX "public"."session_notes_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."session_notes_author_drafts_idx"`);
    await queryRunner.query(`DROP TABLE "session_notes"`);
    await queryRunner.query(`DROP TYPE "public"."note_status"`);
    await queryRunner.query(`DROP TYPE "public"."service_type"`);
    await queryRunner.query(`DROP TYPE "public"."note_kind"`);
  }
}
