import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's score series leaves out an administration a later completed one replaces
 * (`NOT EXISTS … WHERE c.replaces_id = a.id`). With no index on `replaces_id`, PostgreSQL hashed
 * every completed questionnaire of the clinic to answer that for one client: progress data,
 * reports, the FHIR record and the export grew with the whole table (41 ms of a 95 ms progress
 * request at 64,000 questionnaires; 1.5 ms with this index). Partial, because almost no
 * administration replaces another, so the index stays tiny.
 *
 * A client's risk flags, acknowledged ones included, had only the open-flag index to use; the
 * second index keeps a chart's flag history off a scan of the clinic's flags as they accumulate.
 */
export class ReplacementLookups1795590000000 implements MigrationInterface {
  name = 'ReplacementLookups1795590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "assessments_replaces_idx" ON "assessments" ("replaces_id") WHERE "replaces_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "risk_flags_client_idx" ON "risk_flags" ("client_id", "raised_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "risk_flags_client_idx"`);
    await queryRunner.query(`DROP INDEX "assessments_replaces_idx"`);
  }
}
