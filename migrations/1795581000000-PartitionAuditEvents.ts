import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Months past the current one made here; start-up and the daily job keep as many ahead. */
const MONTHS_AHEAD = 3;

/** The request's clinic; a reused connection reads an unset setting as '', which must mean none. */
const CURRENT_CLINIC = `NULLIF(current_setting('app.clinic_id', true), '')::uuid`;
/** The same, inside a string literal of the function below. */
const CURRENT_CLINIC_QUOTED = CURRENT_CLINIC.replace(/'/g, "''");

const COLUMNS = `"id", "occurred_at", "user_id", "role", "clinic_id", "action", "entity_type", "entity_id", "outcome", "request_id", "ip", "detail", "client_id"`;

const COLUMN_DEFINITIONS = `"id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "user_id" uuid, "role" "public"."user_role", "clinic_id" uuid, "action" character varying(64) NOT NULL, "entity_type" character varying(64), "entity_id" character varying(64), "outcome" "public"."audit_outcome" NOT NULL, "request_id" character varying(64), "ip" character varying(64), "detail" jsonb, "client_id" uuid`;

/** The indexes the unpartitioned table had (dropped and made again on the parent). */
const INDEXES: [name: string, columns: string][] = [
  ['audit_events_entity_idx', `"entity_type", "entity_id"`],
  ['audit_events_clinic_time_idx', `"clinic_id", "occurred_at"`],
  ['audit_events_clinic_user_idx', `"clinic_id", "user_id", "occurred_at"`],
  ['audit_events_clinic_client_idx', `"clinic_id", "client_id", "occurred_at"`],
];

/**
 * New with the partitions: the trail's other two filters. A rare kind of event, or a failure or
 * refusal, would otherwise walk a clinic's whole history by time to fill one page. The outcome
 * gets a partial index rather than a column of one: row-level security lets only leakproof
 * conditions reach an index ahead of its policy, and enum equality is not leakproof, while a
 * partial index's condition is proved from the query and needs no such leave.
 */
const FILTER_INDEXES: [name: string, definition: string][] = [
  ['audit_events_clinic_action_idx', `("clinic_id", "action", "occurred_at")`],
  [
    'audit_events_clinic_unsuccessful_idx',
    `("clinic_id", "occurred_at") WHERE "outcome" <> 'success'`,
  ],
];

/**
 * One month's partition, made exactly like every other: the parent's columns, indexes and row
 * triggers come with PARTITION OF; row-level security, its policies and the TRUNCATE trigger do
 * not, so they are set here; and no role but the owner is granted anything on it, so the runtime
 * role reaches audit rows only through the parent. Months are UTC months. Owner-only (no EXECUTE
 * for anyone else): the migration, restore and the runtime's SECURITY DEFINER wrapper call it.
 * Answers whether it created the partition.
 */
const PARTITION_FOR = `CREATE FUNCTION public.audit_events_partition_for(p_at timestamptz) RETURNS boolean
  LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET "TimeZone" = 'UTC' SET lock_timeout = '10s' AS $$
  DECLARE
    first timestamptz := date_trunc('month', p_at);
    part text := 'audit_events_' || to_char(first, 'YYYY_MM');
    holder oid;
  BEGIN
    -- Two workers (or a worker and a start-up) may ask for the same month at once.
    PERFORM pg_advisory_xact_lock(2026120103);
    IF to_regclass(format('public.%I', part)) IS NOT NULL THEN
      RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.audit_events FOR VALUES FROM (%L) TO (%L)',
      part, to_char(first, 'YYYY-MM-DD') || ' 00:00:00+00',
      to_char(first + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', part);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', part);
    EXECUTE format('CREATE POLICY audit_read ON public.%I FOR SELECT USING (clinic_id = ${CURRENT_CLINIC_QUOTED})', part);
    EXECUTE format('CREATE POLICY audit_write ON public.%I FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = ${CURRENT_CLINIC_QUOTED})', part);
    -- Statement triggers are not cloned to partitions; TRUNCATE of one month is refused too.
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change()',
      part || '_no_truncate', part);
    -- Default privileges a DBA may have set for the owner's new tables do not reach partitions.
    FOR holder IN
      SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
       WHERE c.oid = format('public.%I', part)::regclass AND a.grantee <> c.relowner
    LOOP
      EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %s', part,
        CASE WHEN holder = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(holder)) END);
    END LOOP;
    RETURN true;
  END $$`;

/**
 * What the runtime role may call (the daily job): the current month and the next
 * `months_ahead`, nothing else, so it cannot litter the schema. Answers how many it created.
 */
const ENSURE_PARTITIONS = `CREATE FUNCTION public.audit_ensure_partitions(months_ahead integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET "TimeZone" = 'UTC' AS $$
  DECLARE
    created integer := 0;
  BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 24 THEN
      RAISE EXCEPTION 'months_ahead must be between 0 and 24, not %', months_ahead
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR step IN 0..months_ahead LOOP
      IF public.audit_events_partition_for(date_trunc('month', now()) + make_interval(months => step)) THEN
        created := created + 1;
      END IF;
    END LOOP;
    RETURN created;
  END $$`;

/**
 * The audit trail partitioned by month (range on `occurred_at`), so a page of one clinic's
 * newest events reads the newest months' indexes and stops, whatever the trail's size, and an
 * old month can one day be archived whole. No DEFAULT partition: each row lands in its month, so
 * ordered scans and pruning always hold and making a month never scans or rewrites a catch-all.
 * A row dated in a month without a partition is refused (the write it belongs to rolls back
 * with it), and the current month plus three ahead are made at every start and by a daily job.
 * The primary key gains the partition key, as PostgreSQL requires (ids stay random uuids).
 */
export class PartitionAuditEvents1795581000000 implements MigrationInterface {
  name = 'PartitionAuditEvents1795581000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned"`);
    await queryRunner.query(
      `ALTER TABLE "audit_events_unpartitioned" DROP CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407"`,
    );
    for (const [name] of INDEXES) await queryRunner.query(`DROP INDEX "public"."${name}"`);

    await queryRunner.query(
      `CREATE TABLE "audit_events" (${COLUMN_DEFINITIONS}, CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d" PRIMARY KEY ("id", "occurred_at")) PARTITION BY RANGE ("occurred_at")`,
    );
    // On the parent, so every partition gets them (and a new one gets them when made).
    for (const [name, columns] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "audit_events" (${columns})`);
    }
    for (const [name, definition] of FILTER_INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "audit_events" ${definition}`);
    }
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY audit_read ON "audit_events" FOR SELECT USING (clinic_id = ${CURRENT_CLINIC})`,
    );
    await queryRunner.query(
      `CREATE POLICY audit_write ON "audit_events" FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = ${CURRENT_CLINIC})`,
    );

    await queryRunner.query(PARTITION_FOR);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION public.audit_events_partition_for(timestamptz) FROM PUBLIC`,
    );
    await queryRunner.query(ENSURE_PARTITIONS);
    // EXECUTE for the runtime role is granted with its other grants (runtime-grants.ts).
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION public.audit_ensure_partitions(integer) FROM PUBLIC`,
    );

    // A partition for every month that holds events, then the months ahead, then the rows.
    await queryRunner.query(
      `SELECT public.audit_events_partition_for(month)
         FROM (SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
                 FROM "audit_events_unpartitioned") months`,
    );
    await queryRunner.query(`SELECT public.audit_ensure_partitions(${MONTHS_AHEAD})`);
    await queryRunner.query(
      `INSERT INTO "audit_events" (${COLUMNS}) SELECT ${COLUMNS} FROM "audit_events_unpartitioned"`,
    );
    await queryRunner.query(`DROP TABLE "audit_events_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_partitioned"`);
    await queryRunner.query(
      `ALTER TABLE "audit_events_partitioned" DROP CONSTRAINT "PK_d843ba242d2dd6e6e5855e7a63d"`,
    );
    for (const [name] of [...INDEXES, ...FILTER_INDEXES]) {
      await queryRunner.query(`DROP INDEX "public"."${name}"`);
    }
    await queryRunner.query(
      `CREATE TABLE "audit_events" (${COLUMN_DEFINITIONS}, CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    for (const [name, columns] of INDEXES) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "audit_events" (${columns})`);
    }
    await queryRunner.query(
      `INSERT INTO "audit_events" (${COLUMNS}) SELECT ${COLUMNS} FROM "audit_events_partitioned"`,
    );
    // DROP is not refused by the append-only triggers; the partitions go with their parent.
    await queryRunner.query(`DROP TABLE "audit_events_partitioned"`);
    await queryRunner.query(`DROP FUNCTION public.audit_ensure_partitions(integer)`);
    await queryRunner.query(`DROP FUNCTION public.audit_events_partition_for(timestamptz)`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`,
    );
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY audit_read ON "audit_events" FOR SELECT USING (clinic_id = ${CURRENT_CLINIC})`,
    );
    await queryRunner.query(
      `CREATE POLICY audit_write ON "audit_events" FOR INSERT WITH CHECK (clinic_id IS NULL OR clinic_id = ${CURRENT_CLINIC})`,
    );
  }
}
