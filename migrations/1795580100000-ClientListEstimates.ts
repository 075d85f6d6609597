import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unfiltered client list estimates its total past a thousand files (see clients-query.ts).
 * The estimate for a caseload asks the planner for one therapist's files within one clinic;
 * without these statistics it would treat therapist and clinic as independent and divide a
 * caseload by the share of its clinic in the installation.
 */
export class ClientListEstimates1795580100000 implements MigrationInterface {
  name = 'ClientListEstimates1795580100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE STATISTICS "clients_scope_stats" (dependencies, mcv) ON "clinic_id", "primary_therapist_id" FROM "clients"`,
    );
    await queryRunner.query(`ANALYZE "clients"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS "clients_scope_stats"`);
  }
}
