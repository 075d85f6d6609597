import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events name the client file they concern, so an auditor can follow one file; indexes
 * keep the trail's filters by person and by file fast at millions of rows.
 */
export class AuditTrailFilters1795500000001 implements MigrationInterface {
  name = 'AuditTrailFilters1795500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "client_id" uuid`);
    await queryRunner.query(
      `CREATE INDEX "audit_events_clinic_user_idx" ON "audit_events" ("clinic_id", "user_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_clinic_client_idx" ON "audit_events" ("clinic_id", "client_id", "occurred_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_clinic_user_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "client_id"`);
  }
}
