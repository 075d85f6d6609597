import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NoteAppointments1795447272099 implements MigrationInterface {
  name = 'NoteAppointments1795447272099';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE UNIQUE INDEX "session_notes_appointment_key" ON "session_notes"  ("appointment_id", "client_id", "kind") WHERE "appointment_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "session_notes" ADD CONSTRAINT "FK_28bd94fe35cfa1b6e191ae1bb04" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_notes" DROP CONSTRAINT "FK_28bd94fe35cfa1b6e191ae1bb04"`,
    );
    await queryRunner.query(`DROP INDEX "public"."session_notes_appointment_key"`);
  }
}
