import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each clinical field that is sealed from now on, and whether its clear column was NOT NULL. */
const FIELDS: { table: string; column: string; wasRequired: boolean }[] = [
  { table: 'assessments', column: 'answers', wasRequired: true },
  { table: 'assessments', column: 'index_event', wasRequired: false },
  { table: 'homework_entries', column: 'note', wasRequired: false },
  { table: 'homework_entries', column: 'answers', wasRequired: false },
  { table: 'risk_flags', column: 'acknowledgement_note', wasRequired: false },
  { table: 'client_intakes', column: 'presenting_concerns', wasRequired: false },
  { table: 'client_intakes', column: 'history', wasRequired: true },
  { table: 'client_timeline_events', column: 'note', wasRequired: false },
];

/**
 * The owner-only exception of the immutability triggers: the role that owns the table (never the
 * runtime role, and no setting anyone could set) may change a row's sealed values and their key
 * ids, and empty the clear columns named, and nothing else. That is what re-sealing under a new
 * key and sealing an older database's clear text do; a signed note's meaning cannot change.
 */
const SEALING_EXCEPTION = `CREATE FUNCTION only_resealed_by_owner(relid oid, old_row jsonb, new_row jsonb, emptied text[])
  RETURNS boolean LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
  DECLARE
    col text;
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
                    WHERE c.oid = relid AND r.rolname = current_user) THEN
      RETURN false;
    END IF;
    FOR col IN SELECT jsonb_object_keys(new_row) LOOP
      CONTINUE WHEN new_row -> col IS NOT DISTINCT FROM old_row -> col;
      CONTINUE WHEN col LIKE '%\\_sealed' AND old_row ? (left(col, -7) || '_key_id');
      CONTINUE WHEN col LIKE '%\\_key\\_id' AND old_row ? (left(col, -7) || '_sealed');
      CONTINUE WHEN col = ANY(emptied) AND new_row -> col = 'null'::jsonb;
      RETURN false;
    END LOOP;
    RETURN true;
  END $$`;

const RESEALING = (emptied: string) =>
  `IF TG_OP = 'UPDATE' AND only_resealed_by_owner(TG_RELID, to_jsonb(OLD), to_jsonb(NEW), ${emptied}) THEN
          RETURN NEW;
        END IF;`;

/**
 * Seals the clinical text that was still in clear: answers, journal and check-in text, intake
 * narratives, timeline and acknowledgement notes get `<name>_sealed` + `<name>_key_id` columns.
 * The clear columns stay (nullable) until the start-up sealing step has moved every value: a
 * migration has no keys. The immutability triggers get the owner-only re-sealing exception.
 */
export class SealClinicalText1795570000000 implements MigrationInterface {
  name = 'SealClinicalText1795570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, column, wasRequired } of FIELDS) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "${column}_key_id" character varying(40), ADD "${column}_sealed" bytea`,
      );
      if (wasRequired)
        await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP NOT NULL`);
    }
    await queryRunner.query(SEALING_EXCEPTION);

    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_completed_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'assessments are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        ${RESEALING(`ARRAY['answers', 'index_event']`)}
        IF OLD.status = 'completed' AND (
          (NEW.answers_sealed, NEW.answers_key_id, NEW.index_event_sealed, NEW.index_event_key_id,
           NEW.answers, NEW.index_event, NEW.result, NEW.total, NEW.status, NEW.completed_at,
           NEW.completed_by, NEW.client_id, NEW.instrument_code, NEW.instrument_version)
          IS DISTINCT FROM
          (OLD.answers_sealed, OLD.answers_key_id, OLD.index_event_sealed, OLD.index_event_key_id,
           OLD.answers, OLD.index_event, OLD.result, OLD.total, OLD.status, OLD.completed_at,
           OLD.completed_by, OLD.client_id, OLD.instrument_code, OLD.instrument_version)
        ) THEN
          RAISE EXCEPTION 'completed assessment % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_fixed_homework_entry_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'homework entries are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        ${RESEALING(`ARRAY['note', 'answers']`)}
        IF NEW.assignment_id <> OLD.assignment_id OR NEW.client_id <> OLD.client_id
          OR NEW.clinic_id <> OLD.clinic_id OR NEW.occurs_on <> OLD.occurs_on
          OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'a homework entry stays with its occurrence' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.created_at < now() - interval '24 hours' THEN
          RAISE EXCEPTION 'a homework entry is fixed 24 hours after it was written' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${RESEALING(`ARRAY[]::text[]`)}
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'signed note % cannot be changed or deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_addendum_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${RESEALING(`ARRAY[]::text[]`)}
        RAISE EXCEPTION 'note addenda are append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_final_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${RESEALING(`ARRAY[]::text[]`)}
        IF OLD.status = 'final' AND (
          TG_OP = 'DELETE' OR
          (NEW.client_id, NEW.author_id, NEW.period_from, NEW.period_to, NEW.status, NEW.version, NEW.data_key_id,
           NEW.data_sealed, NEW.narrative_key_id, NEW.narrative_sealed, NEW.finalized_at, NEW.created_at)
          IS DISTINCT FROM
          (OLD.client_id, OLD.author_id, OLD.period_from, OLD.period_to, OLD.status, OLD.version, OLD.data_key_id,
           OLD.data_sealed, OLD.narrative_key_id, OLD.narrative_sealed, OLD.finalized_at, OLD.created_at)
        ) THEN
          RAISE EXCEPTION 'final report % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The earlier trigger bodies, without the exception.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_final_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'final' AND (
          TG_OP = 'DELETE' OR
          (NEW.client_id, NEW.author_id, NEW.period_from, NEW.period_to, NEW.status, NEW.version, NEW.data_key_id,
           NEW.data_sealed, NEW.narrative_key_id, NEW.narrative_sealed, NEW.finalized_at, NEW.created_at)
          IS DISTINCT FROM
          (OLD.client_id, OLD.author_id, OLD.period_from, OLD.period_to, OLD.status, OLD.version, OLD.data_key_id,
           OLD.data_sealed, OLD.narrative_key_id, OLD.narrative_sealed, OLD.finalized_at, OLD.created_at)
        ) THEN
          RAISE EXCEPTION 'final report % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_addendum_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'note addenda are append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_signed_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'signed' THEN
          RAISE EXCEPTION 'signed note % cannot be changed or deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN
          RETURN OLD;
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_fixed_homework_entry_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'homework entries are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.assignment_id <> OLD.assignment_id OR NEW.client_id <> OLD.client_id
          OR NEW.clinic_id <> OLD.clinic_id OR NEW.occurs_on <> OLD.occurs_on
          OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'a homework entry stays with its occurrence' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.created_at < now() - interval '24 hours' THEN
          RAISE EXCEPTION 'a homework entry is fixed 24 hours after it was written' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION refuse_completed_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'assessments are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'completed' AND (
          (NEW.answers, NEW.result, NEW.total, NEW.status, NEW.completed_at, NEW.completed_by, NEW.client_id,
           NEW.instrument_code, NEW.instrument_version, NEW.index_event)
          IS DISTINCT FROM
          (OLD.answers, OLD.result, OLD.total, OLD.status, OLD.completed_at, OLD.completed_by, OLD.client_id,
           OLD.instrument_code, OLD.instrument_version, OLD.index_event)
        ) THEN
          RAISE EXCEPTION 'completed assessment % cannot change', OLD.id USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`);
    await queryRunner.query(`DROP FUNCTION only_resealed_by_owner(oid, jsonb, jsonb, text[])`);
    // Sealed values cannot be opened here (no keys): going back loses them; the clear columns
    // become required again only where every row still has its clear value.
    for (const { table, column } of [...FIELDS].reverse()) {
      await queryRunner.query(
        `ALTER TABLE "${table}" DROP COLUMN "${column}_sealed", DROP COLUMN "${column}_key_id"`,
      );
    }
  }
}
