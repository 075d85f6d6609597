import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appointment's iCalendar SEQUENCE: raised by the database whenever what a calendar shows
 * changes (time, place, status), so every path that moves or cancels an appointment counts,
 * and a subscribed calendar replaces its copy instead of keeping the old time.
 */
export class AppointmentSequence1795550000000 implements MigrationInterface {
  name = 'AppointmentSequence1795550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD "sequence" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`CREATE FUNCTION bump_appointment_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.starts_at IS DISTINCT FROM OLD.starts_at
     OR NEW.ends_at IS DISTINCT FROM OLD.ends_at
     OR NEW.location IS DISTINCT FROM OLD.location
     OR NEW.status IS DISTINCT FROM OLD.status THEN
    NEW.sequence := OLD.sequence + 1;
  ELSE
    NEW.sequence := OLD.sequence;
  END IF;
  RETURN NEW;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER appointments_sequence BEFORE UPDATE ON "appointments" FOR EACH ROW EXECUTE FUNCTION bump_appointment_sequence()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER appointments_sequence ON "appointments"`);
    await queryRunner.query(`DROP FUNCTION bump_appointment_sequence()`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "sequence"`);
  }
}
