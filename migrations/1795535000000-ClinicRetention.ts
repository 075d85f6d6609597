import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClinicRetention1795535000000 implements MigrationInterface {
  name = 'ClinicRetention1795535000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD "retention_years" integer NOT NULL DEFAULT '7'`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD CONSTRAINT "clinics_retention_years_range" CHECK ("retention_years" BETWEEN 6 AND 100)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "clinics" DROP CONSTRAINT "clinics_retention_years_range"`,
    );
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "retention_years"`);
  }
}
