import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db.service';
import { Clock } from '../jobs/clock';
import { AUDIT_PARTITIONS_QUEUE } from '../jobs/job-queue-install';
import { JobQueue } from '../jobs/job-queue.service';

/** The current month and this many after it always have a partition of `audit_events`. */
export const AUDIT_MONTHS_AHEAD = 3;

/** The job makes partitions at most this often per worker; the function is idempotent anyway. */
const EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Calls `audit_ensure_partitions` (SECURITY DEFINER, owned by the owner role; see migration
 * PartitionAuditEvents), answering how many partitions it made. The runtime role may call it,
 * and it makes nothing but the current and coming months, each with the parent's indexes and
 * row triggers, its own forced row-level security, policies and TRUNCATE trigger, and no grants.
 */
export async function ensureAuditPartitions(manager: EntityManager): Promise<number> {
  const [row] = await manager.query<{ created: number }[]>(
    'SELECT public.audit_ensure_partitions($1) AS created',
    [AUDIT_MONTHS_AHEAD],
  );
  return Number(row?.created ?? 0);
}

/**
 * The daily job (queue `audit-partitions`): woken every tick like the other queues, it asks the
 * database for the coming months once a day by the app clock, so the months ahead never run out
 * while a worker runs, even if the API is never restarted.
 */
@Injectable()
export class AuditPartitionsJob implements OnModuleInit {
  private readonly logger = new Logger('AuditPartitions');
  private lastRunAt: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(AUDIT_PARTITIONS_QUEUE, () => this.runIfDue());
  }

  /** Answers how many partitions were made, or null when the day's run was already done. */
  async runIfDue(): Promise<number | null> {
    const now = this.clock.now().getTime();
    if (this.lastRunAt !== null && now - this.lastRunAt < EVERY_MS) return null;
    // No clinic: the function reads no clinic's rows and needs no scope.
    const created = await this.db.forClinic(null, (manager) => ensureAuditPartitions(manager));
    this.lastRunAt = now;
    if (created) this.logger.log(`Made ${created} audit_events partition(s) ahead`);
    return created;
  }
}
