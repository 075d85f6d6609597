import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two choices about messages: a staff member's opt-out of the daily digest (on by default for
 * therapists), and a client's opt-in to homework nudges (off until the client turns it on).
 */
export class MessagePreferences1795561000000 implements MigrationInterface {
  name = 'MessagePreferences1795561000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "daily_digest_opt_out" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "clients" ADD "homework_nudge_consent" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "homework_nudge_consent"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "daily_digest_opt_out"`);
  }
}
