import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `reading` kind of homework, alone in its migration: PostgreSQL lets a new enum value be
 * used only after the transaction that added it has committed.
 */
export class HomeworkReadingKind1795520000000 implements MigrationInterface {
  name = 'HomeworkReadingKind1795520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."homework_kind" ADD VALUE 'reading'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The check on "kind" compares it with a value of the old type: set it aside while the
    // column changes type, then put it back.
    await queryRunner.query(
      `ALTER TABLE "homework_templates" DROP CONSTRAINT "homework_templates_check_in_form"`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."homework_kind_old" AS ENUM('task', 'journal', 'check_in')`,
    );
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ALTER COLUMN "kind" TYPE "public"."homework_kind_old" USING "kind"::"text"::"public"."homework_kind_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."homework_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."homework_kind_old" RENAME TO "homework_kind"`);
    await queryRunner.query(
      `ALTER TABLE "homework_templates" ADD CONSTRAINT "homework_templates_check_in_form" CHECK (("kind" = 'check_in') = ("check_in_form" IS NOT NULL))`,
    );
  }
}
