import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in PostgreSQL itself: every table of a clinic's data carries `clinic_id`
 * (ten tables gain it, filled from their parent row), row-level security compares it with the
 * per-transaction setting `app.clinic_id`, and a few functions answer the lookups that happen
 * before anyone is signed in. Table lists are written out here, not imported, so that this
 * migration means the same thing forever.
 */

/** Tables that gain clinic_id, and how to fill it from the parent that already has one. */
const BACKFILLS: [table: string, fill: string][] = [
  [
    'auth_sessions',
    `UPDATE auth_sessions t SET clinic_id = u.clinic_id FROM users u WHERE u.id = t.user_id`,
  ],
  [
    'refresh_tokens',
    `UPDATE refresh_tokens t SET clinic_id = s.clinic_id FROM auth_sessions s WHERE s.id = t.session_id`,
  ],
  [
    'client_intakes',
    `UPDATE client_intakes t SET clinic_id = c.clinic_id FROM clients c WHERE c.id = t.client_id`,
  ],
  [
    'client_timeline_events',
    `UPDATE client_timeline_events t SET clinic_id = c.clinic_id FROM clients c WHERE c.id = t.client_id`,
  ],
  [
    'client_treatment_phases',
    `UPDATE client_treatment_phases t SET clinic_id = c.clinic_id FROM clients c WHERE c.id = t.client_id`,
  ],
  [
    'account_invites',
    `UPDATE account_invites t SET clinic_id = u.clinic_id FROM users u WHERE u.id = t.user_id`,
  ],
  [
    'note_addenda',
    `UPDATE note_addenda t SET clinic_id = n.clinic_id FROM session_notes n WHERE n.id = t.note_id`,
  ],
  [
    'availability_exceptions',
    `UPDATE availability_exceptions t SET clinic_id = u.clinic_id FROM users u WHERE u.id = t.therapist_id`,
  ],
  [
    'calendar_feeds',
    `UPDATE calendar_feeds t SET clinic_id = u.clinic_id FROM users u WHERE u.id = t.therapist_id`,
  ],
  [
    'therapist_weekly_hours',
    `UPDATE therapist_weekly_hours t SET clinic_id = u.clinic_id FROM users u WHERE u.id = t.therapist_id`,
  ],
];

/** TypeORM's names for the new foreign keys (it derives them from table and column). */
const FOREIGN_KEYS: Record<string, string> = {
  auth_sessions: 'FK_19758813a7209cc4906d1d822ea',
  refresh_tokens: 'FK_2d8a21d63211b9b82224f0b2568',
  client_intakes: 'FK_e7af9b728ffd6b60d2c75d7f989',
  client_timeline_events: 'FK_c2a610589be2b4c75844bd33c4a',
  client_treatment_phases: 'FK_4d11733bfbeb0e799a50f365ccf',
  account_invites: 'FK_e226bfe877f21d867b5764f45e2',
  note_addenda: 'FK_4f18c5af8f7be569df245dd5eec',
  availability_exceptions: 'FK_0dfad3f0ca98176923665351107',
  calendar_feeds: 'FK_018be133a47e3e6d9b7895888a5',
  therapist_weekly_hours: 'FK_698c8ddee0e9b9a62ba39bc5351',
};

/** Every table holding one clinic's rows (audit_events and clinics have policies of their own). */
const TENANT_TABLES = [
  'users',
  'auth_sessions',
  'refresh_tokens',
  'account_invites',
  'clients',
  'client_intakes',
  'client_timeline_events',
  'client_treatment_phases',
  'measurement_schedules',
  'assessments',
  'risk_flags',
  'session_notes',
  'note_addenda',
  'progress_reports',
  'homework_templates',
  'homework_assignments',
  'homework_entries',
  'appointments',
  'availability_exceptions',
  'calendar_feeds',
  'therapist_weekly_hours',
];

/** The request's clinic; a reused connection reads an unset setting as '', which must mean none. */
const CURRENT_CLINIC = `NULLIF(current_setting('app.clinic_id', true), '')::uuid`;

/**
 * Lookups made before anyone is signed in. Each runs with the owner's rights (past row-level
 * security), with a fixed search_path so that nobody can slip in a table of the same name, and
 * returns only the columns the step needs.
 */
const LOOKUPS: [signature: string, body: string][] = [
  [
    `lookup_sign_in(p_email text) RETURNS TABLE (user_id uuid, clinic_id uuid, role text, password_hash text, is_active boolean)`,
    `SELECT u.id, u.clinic_id, u.role::text, u.password_hash::text, u.is_active FROM public.users u WHERE u.email = p_email`,
  ],
  [
    `lookup_refresh_token(p_token_hash text) RETURNS TABLE (session_id uuid, clinic_id uuid)`,
    `SELECT t.session_id, t.clinic_id FROM public.refresh_tokens t WHERE t.token_hash = p_token_hash`,
  ],
  [
    `lookup_invite(p_token_hash text) RETURNS TABLE (invite_id uuid, clinic_id uuid)`,
    `SELECT i.id, i.clinic_id FROM public.account_invites i WHERE i.token_hash = p_token_hash`,
  ],
  [
    `lookup_calendar_feed(p_token_hash text) RETURNS TABLE (therapist_id uuid, clinic_id uuid)`,
    `SELECT f.therapist_id, f.clinic_id FROM public.calendar_feeds f WHERE f.token_hash = p_token_hash`,
  ],
  // Work that sweeps every clinic (start-up sync, jobs) goes clinic by clinic from this list.
  [`clinic_ids() RETURNS SETOF uuid`, `SELECT c.id FROM public.clinics c ORDER BY c.created_at`],
];

export class TenantIsolation1795500000000 implements MigrationInterface {
  name = 'TenantIsolation1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, fill] of BACKFILLS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "clinic_id" uuid`);
      await queryRunner.query(fill);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "clinic_id" SET NOT NULL`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${FOREIGN_KEYS[table]}" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      );
    }

    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      // FORCE: the rule holds for the tables' owner too (only BYPASSRLS roles pass it).
      await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY tenant_isolation ON "${table}" USING (clinic_id = ${CURRENT_CLINIC}) WITH CHECK (clinic_id = ${CURRENT_CLINIC})`,
      );
    }

    // A clinic sees and changes only its own row; clinics are created by the owner (clinic:create).
    await queryRunner.query(`ALTER TABLE "clinics" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "clinics" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "clinics" USING (id = ${CURRENT_CLINIC}) WITH CHECK (id = ${CURRENT_CLINIC})`,
    );

    // The audit trail: a clinic reads its own events. Events that belong to no clinic yet (a
    // sign-in attempt for an unknown address) may be written, and are read by nobody but the owner.
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY audit_read ON "audit_events" FOR SELECT USING (clinic_id = ${CURRENT_CLINIC})`,
    );
    await queryRunner.query(
      `CREATE POLICY audit_write ON "audit_events" FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = ${CURRENT_CLINIC})`,
    );

    // Rows that never change once settled: the policy hides them from UPDATE (a second wall
    // beside the triggers). USING judges the row as it was; the row as it becomes (a draft being
    // signed) is checked by the tenant policy alone. Completed assessments and final reports keep a sharing flag that
    // may still change, so their immutability stays with their triggers alone.
    await queryRunner.query(
      `CREATE POLICY signed_notes_are_final ON "session_notes" AS RESTRICTIVE FOR UPDATE USING (status = 'draft') WITH CHECK (true)`,
    );
    await queryRunner.query(
      `CREATE POLICY entries_fix_after_a_day ON "homework_entries" AS RESTRICTIVE FOR UPDATE USING (created_at >= now() - interval '24 hours') WITH CHECK (true)`,
    );

    // TRUNCATE skips row triggers and row-level security: refuse it outright, for every role.
    await queryRunner.query(`CREATE FUNCTION refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% holds clinical records: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
      );
    }

    for (const [signature, body] of LOOKUPS) {
      await queryRunner.query(
        `CREATE FUNCTION ${signature} LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ ${body} $$`,
      );
      const name = signature.slice(0, signature.indexOf(')') + 1);
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${name} FROM PUBLIC`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [signature] of [...LOOKUPS].reverse()) {
      await queryRunner.query(`DROP FUNCTION ${signature.slice(0, signature.indexOf(')') + 1)}`);
    }
    for (const table of [...TENANT_TABLES].reverse()) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION refuse_truncate()`);
    await queryRunner.query(`DROP POLICY entries_fix_after_a_day ON "homework_entries"`);
    await queryRunner.query(`DROP POLICY signed_notes_are_final ON "session_notes"`);
    await queryRunner.query(`DROP POLICY audit_write ON "audit_events"`);
    await queryRunner.query(`DROP POLICY audit_read ON "audit_events"`);
    await queryRunner.query(`ALTER TABLE "audit_events" NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "audit_events" DISABLE ROW LEVEL SECURITY`);
    for (const table of ['clinics', ...TENANT_TABLES].reverse()) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    for (const [table] of [...BACKFILLS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${FOREIGN_KEYS[table]}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "clinic_id"`);
    }
  }
}
