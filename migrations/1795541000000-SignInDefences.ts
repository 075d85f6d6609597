import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in that holds under attack: the per-address request limit moves from each process's
 * memory into PostgreSQL (replicas share it), and refresh tokens remember which token they were
 * issued from and whether their one grace answer was spent (see SessionsService.rotate).
 */
export class SignInDefences1795541000000 implements MigrationInterface {
  name = 'SignInDefences1795541000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "request_rate_limits" ("bucket_key" character varying(128) NOT NULL, "hits" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_request_rate_limits" PRIMARY KEY ("bucket_key"))`,
    );
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "parent_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD "grace_used_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "grace_used_at"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "parent_id"`);
    await queryRunner.query(`DROP TABLE "request_rate_limits"`);
  }
}
