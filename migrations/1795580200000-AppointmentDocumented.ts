import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Whether a progress note documents the appointment (the same rule as notes/late-notes.service). */
const DOCUMENTED = (a: string) => `EXISTS (
  SELECT 1 FROM session_notes n
   WHERE n.kind = 'progress'
     AND (n.appointment_id = ${a}.id
       OR (n.appointment_id IS NULL
           AND n.client_id IN (${a}.client_id, coalesce(${a}.partner_client_id, ${a}.client_id))
           AND n.session_at BETWEEN ${a}.starts_at - interval '3 hours' AND ${a}.ends_at + interval '3 hours')))`;

/**
 * The therapist's home lists completed sessions still owed a note 72 hours on. It used to test
 * every completed appointment of the therapist's history for a note; `documented` is kept by
 * triggers in the writing transaction, so the home reads only the undocumented ones off a
 * partial index. The read still checks for the note itself (the flag only narrows the rows), so
 * a flag left false can never hide nor invent an owed note; the triggers keep it from being left
 * true: any write of a progress note recomputes the appointments it could document (by link, or
 * by client and time, before and after the write), and any write of an appointment recomputes its
 * own. The 72 hours are compared with now() when read, so a session becomes owed with no write.
 */
export class AppointmentDocumented1795580200000 implements MigrationInterface {
  name = 'AppointmentDocumented1795580200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD "documented" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`CREATE FUNCTION appointment_documented() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.documented := ${DOCUMENTED('NEW')};
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER appointments_documented BEFORE INSERT OR UPDATE ON "appointments" FOR EACH ROW EXECUTE FUNCTION appointment_documented()`,
    );
    // Touching a row makes appointments_documented recompute it.
    const touch = (n: string) => `UPDATE appointments a SET documented = a.documented
       WHERE a.id = ${n}.appointment_id
          OR ((a.client_id = ${n}.client_id OR a.partner_client_id = ${n}.client_id)
              AND a.starts_at <= ${n}.session_at + interval '3 hours'
              AND a.ends_at >= ${n}.session_at - interval '3 hours')`;
    await queryRunner.query(`CREATE FUNCTION note_documents_appointments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.kind = 'progress' THEN
          ${touch('OLD')};
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.kind = 'progress' THEN
          ${touch('NEW')};
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER session_notes_document_appointments AFTER INSERT OR DELETE OR UPDATE OF kind, appointment_id, client_id, session_at ON "session_notes" FOR EACH ROW EXECUTE FUNCTION note_documents_appointments()`,
    );
    await queryRunner.query(
      `UPDATE appointments a SET documented = true WHERE a.status = 'completed' AND ${DOCUMENTED('a')}`,
    );
    await queryRunner.query(
      `CREATE INDEX "appointments_note_owed_idx" ON "appointments" ("therapist_id", "starts_at") WHERE "status" = 'completed' AND "client_id" IS NOT NULL AND NOT "documented"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "appointments_note_owed_idx"`);
    await queryRunner.query(`DROP TRIGGER session_notes_document_appointments ON "session_notes"`);
    await queryRunner.query(`DROP FUNCTION note_documents_appointments()`);
    await queryRunner.query(`DROP TRIGGER appointments_documented ON "appointments"`);
    await queryRunner.query(`DROP FUNCTION appointment_documented()`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "documented"`);
  }
}
