import type { MigrationInterface, QueryRunner } from 'typeorm';

const ATTENTION = `"deteriorating" <> '[]'::jsonb OR ("homework_expected" >= 3 AND "homework_done" < 0.5 * "homework_expected")`;

/** Which writes make a client's alert facts stale, per source table (rows of `changed`). */
const SOURCES: { table: string; events: ('INSERT' | 'UPDATE' | 'DELETE')[]; filter: string }[] = [
  // Only completed scores feed the alerts: autosaving an open questionnaire marks nothing.
  { table: 'assessments', events: ['INSERT', 'UPDATE', 'DELETE'], filter: `status = 'completed'` },
  { table: 'homework_assignments', events: ['INSERT', 'UPDATE', 'DELETE'], filter: 'true' },
  { table: 'homework_entries', events: ['INSERT', 'UPDATE', 'DELETE'], filter: 'true' },
];

/**
 * Per-client facts for the therapist's home (deterioration, homework follow-through), so the home
 * reads the clients with something to show off an index instead of every client's history.
 *
 * Staleness is marked by triggers, in the writing transaction, so no write path (a service, the
 * CSV import, a restore, SQL fixtures) can forget it. The values are computed by the API, not
 * here: the reliable-change index and the weekly adherence rules are TypeScript shared with the
 * chart, and a second copy in PL/pgSQL would drift. Follow-through also changes as days pass with
 * no write at all, so a row holds the clinic day it must be recomputed on (`refresh_on`), compared
 * with the clinic's today when read, rather than a yes/no that would go stale overnight.
 *
 * Backfill: every client with a completed score or any homework gets a row marked stale, which
 * the home computes the first time it is read.
 */
export class AlertFacts1795580000000 implements MigrationInterface {
  name = 'AlertFacts1795580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "client_alert_facts" ("client_id" uuid NOT NULL, "clinic_id" uuid NOT NULL, "refresh_on" date, "changes" integer NOT NULL DEFAULT '0', "computed_on" date, "deteriorating" jsonb NOT NULL DEFAULT '[]', "homework_done" integer NOT NULL DEFAULT '0', "homework_expected" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_client_alert_facts" PRIMARY KEY ("client_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_alert_facts" ADD CONSTRAINT "FK_client_alert_facts_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "client_alert_facts" ADD CONSTRAINT "FK_client_alert_facts_clinic" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "client_alert_facts_refresh_idx" ON "client_alert_facts" ("clinic_id", "refresh_on") WHERE "refresh_on" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "client_alert_facts_attention_idx" ON "client_alert_facts" ("clinic_id") WHERE ${ATTENTION}`,
    );
    await queryRunner.query(`ALTER TABLE "client_alert_facts" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "client_alert_facts" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY tenant_isolation ON "client_alert_facts" USING (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid) WITH CHECK (clinic_id = NULLIF(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "client_alert_facts_no_truncate" BEFORE TRUNCATE ON "client_alert_facts" FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate()`,
    );
    // One statement-level trigger per event (a trigger with transition tables takes one event),
    // so a bulk write marks each client once, in client order (no deadlock between two writers).
    for (const { table, events, filter } of SOURCES) {
      await queryRunner.query(`CREATE FUNCTION "${table}_mark_alert_facts"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO client_alert_facts (client_id, clinic_id, refresh_on, changes)
          SELECT DISTINCT client_id, clinic_id, '-infinity'::date, 1 FROM changed
           WHERE client_id IS NOT NULL AND (${filter})
           ORDER BY client_id
          ON CONFLICT (client_id) DO UPDATE
            SET refresh_on = '-infinity'::date, changes = client_alert_facts.changes + 1;
          RETURN NULL;
        END $$`);
      for (const event of events) {
        const transition = event === 'DELETE' ? 'OLD TABLE AS changed' : 'NEW TABLE AS changed';
        await queryRunner.query(
          `CREATE TRIGGER "${table}_alert_facts_${event.toLowerCase()}" AFTER ${event} ON "${table}" REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION "${table}_mark_alert_facts"()`,
        );
      }
    }
    await queryRunner.query(
      `INSERT INTO client_alert_facts (client_id, clinic_id, refresh_on)
       SELECT c.id, c.clinic_id, '-infinity'::date FROM clients c
        WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.client_id = c.id AND a.status = 'completed')
           OR EXISTS (SELECT 1 FROM homework_assignments h WHERE h.client_id = c.id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, events } of [...SOURCES].reverse()) {
      for (const event of events)
        await queryRunner.query(
          `DROP TRIGGER "${table}_alert_facts_${event.toLowerCase()}" ON "${table}"`,
        );
      await queryRunner.query(`DROP FUNCTION "${table}_mark_alert_facts"()`);
    }
    await queryRunner.query(`DROP TABLE "client_alert_facts"`);
  }
}
