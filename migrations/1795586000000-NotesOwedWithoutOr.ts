import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a progress note documents the appointment, written so each branch can use an index
 * under row-level security: a note linked to it (session_notes_appointment_key), or an unlinked
 * note of the client or the partner near its time (session_notes_client_idx). The older form put
 * both in one EXISTS joined by OR; as the runtime role, under forced RLS, PostgreSQL read every
 * note of the clinic for every appointment it checked (18.8M rows rejected for one therapist's
 * home at 10,000 clients; 1.4 s where this form takes 15 ms). The rule itself is unchanged.
 */
const DOCUMENTED = (a: string) => `(EXISTS (
    SELECT 1 FROM session_notes n WHERE n.appointment_id = ${a}.id AND n.kind = 'progress')
  OR EXISTS (
    SELECT 1 FROM session_notes n
     WHERE n.appointment_id IS NULL AND n.kind = 'progress'
       AND (n.client_id = ${a}.client_id OR n.client_id = ${a}.partner_client_id)
       AND n.session_at BETWEEN ${a}.starts_at - interval '3 hours' AND ${a}.ends_at + interval '3 hours'))`;

/** The older, single-EXISTS form, for `down`. */
const DOCUMENTED_BEFORE = (a: string) => `EXISTS (
  SELECT 1 FROM session_notes n
   WHERE n.kind = 'progress'
     AND (n.appointment_id = ${a}.id
       OR (n.appointment_id IS NULL
           AND n.client_id IN (${a}.client_id, coalesce(${a}.partner_client_id, ${a}.client_id))
           AND n.session_at BETWEEN ${a}.starts_at - interval '3 hours' AND ${a}.ends_at + interval '3 hours')))`;

/** Touching an appointment makes appointments_documented recompute it: by link, then by time. */
const TOUCH = (n: string) => `UPDATE appointments a SET documented = a.documented
       WHERE a.id = ${n}.appointment_id;
     UPDATE appointments a SET documented = a.documented
       WHERE (a.client_id = ${n}.client_id OR a.partner_client_id = ${n}.client_id)
         AND a.starts_at <= ${n}.session_at + interval '3 hours'
         AND a.ends_at >= ${n}.session_at - interval '3 hours'`;

const TOUCH_BEFORE = (n: string) => `UPDATE appointments a SET documented = a.documented
       WHERE a.id = ${n}.appointment_id
          OR ((a.client_id = ${n}.client_id OR a.partner_client_id = ${n}.client_id)
              AND a.starts_at <= ${n}.session_at + interval '3 hours'
              AND a.ends_at >= ${n}.session_at - interval '3 hours')`;

function functions(documented: (a: string) => string, touch: (n: string) => string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION appointment_documented() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.documented := ${documented('NEW')};
        RETURN NEW;
      END $$`,
    `CREATE OR REPLACE FUNCTION note_documents_appointments() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.kind = 'progress' THEN
          ${touch('OLD')};
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.kind = 'progress' THEN
          ${touch('NEW')};
        END IF;
        RETURN NULL;
      END $$`,
  ];
}

export class NotesOwedWithoutOr1795586000000 implements MigrationInterface {
  name = 'NotesOwedWithoutOr1795586000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of functions(DOCUMENTED, TOUCH)) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const sql of functions(DOCUMENTED_BEFORE, TOUCH_BEFORE)) await queryRunner.query(sql);
  }
}
