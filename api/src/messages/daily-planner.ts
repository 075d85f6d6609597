import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DAILY_DIGEST_HOUR, wallClockAt, zonedTimeToInstant } from '@cairn/contracts';
import { Db } from '../database/db.service';
import { Clock } from '../jobs/clock';
import { DAILY_QUEUE } from '../jobs/job-queue-install';
import { JobQueue } from '../jobs/job-queue.service';
import { nextAllowedTime } from './reminder-planner';

/**
 * A digest planned after this local hour would arrive in the middle of the working day; a worker
 * that was down all morning skips that day's digest instead.
 */
const DIGEST_LAST_HOUR = 12;
/** Homework nudges go in the early evening (moved out of quiet hours when those start earlier). */
export const HOMEWORK_NUDGE_HOUR = 18;

interface ClinicRow {
  time_zone: string;
  quiet_hours_start: number;
  quiet_hours_end: number;
}

/**
 * The job (`messages-daily`) that plans the once-a-day messages, clinic by clinic, by the app
 * clock in each clinic's time zone: each active therapist's digest at 07:00 (staff messages
 * ignore quiet hours), and a homework nudge for each client who turned nudges on and has
 * homework open today. The deduplication key holds the local date, so however often the job
 * runs, each person gets at most one of each a day. Whether a message still goes (counts all
 * zero, homework already done, consent withdrawn) is decided when it is sent.
 */
@Injectable()
export class DailyMessagesPlanner implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(DAILY_QUEUE, () => this.planEverywhere());
  }

  /** Answers how many messages were newly planned. */
  async planEverywhere(): Promise<number> {
    const clinics = await this.db.forClinic(null, (manager) =>
      manager.query<{ id: string }[]>('SELECT clinic_ids() AS id'),
    );
    let planned = 0;
    for (const { id } of clinics) planned += await this.planFor(id);
    if (planned) await this.jobs.wake();
    return planned;
  }

  async planFor(clinicId: string): Promise<number> {
    const now = this.clock.now();
    return this.db.forClinic(clinicId, async (manager) => {
      const [clinic] = await manager.query<ClinicRow[]>(
        'SELECT time_zone, quiet_hours_start, quiet_hours_end FROM clinics WHERE id = $1',
        [clinicId],
      );
      if (!clinic) return 0;
      const local = wallClockAt(now, clinic.time_zone);
      const hour = Math.floor(local.minutes / 60);
      let planned = 0;
      if (hour >= DAILY_DIGEST_HOUR && hour < DIGEST_LAST_HOUR) {
        const due = zonedTimeToInstant(
          local.date,
          `${String(DAILY_DIGEST_HOUR).padStart(2, '0')}:00`,
          clinic.time_zone,
        );
        const result = await manager.query<[unknown[], number]>(
          `INSERT INTO planned_messages (clinic_id, kind, recipient_user_id, dedup_key, due_at)
           SELECT $1, 'daily_digest', u.id, 'daily_digest:' || u.id || ':' || $2, $3
             FROM users u
            WHERE u.clinic_id = $1 AND u.role = 'therapist' AND u.is_active
              AND NOT u.daily_digest_opt_out
           ON CONFLICT (clinic_id, dedup_key) DO NOTHING`,
          [clinicId, local.date, due],
        );
        planned += result[1];
      }
      if (hour >= HOMEWORK_NUDGE_HOUR) {
        const due = nextAllowedTime(
          zonedTimeToInstant(local.date, `${HOMEWORK_NUDGE_HOUR}:00`, clinic.time_zone),
          clinic,
        );
        const result = await manager.query<[unknown[], number]>(
          `INSERT INTO planned_messages (clinic_id, kind, recipient_client_id, dedup_key, due_at)
           SELECT $1, 'homework_nudge', c.id, 'homework_nudge:' || c.id || ':' || $2, $3
             FROM clients c
            WHERE c.clinic_id = $1 AND c.homework_nudge_consent AND c.reminder_consent
              AND c.status <> 'discharged' AND c.portal_user_id IS NOT NULL
              AND ${HOMEWORK_OPEN_ON('c.id', '$2')}
           ON CONFLICT (clinic_id, dedup_key) DO NOTHING`,
          [clinicId, local.date, due],
        );
        planned += result[1];
      }
      return planned;
    });
  }
}

/**
 * SQL: the client has an open assignment running on `day` that is still owed: a daily one with
 * nothing entered that day, a weekly one with nothing in the seven days to `day`, a one-off one
 * with nothing at all. Shared by planning and sending, so a nudge is dropped when the homework
 * was done meanwhile.
 */
export const HOMEWORK_OPEN_ON = (client: string, day: string): string => `EXISTS (
  SELECT 1 FROM homework_assignments h
   WHERE h.client_id = ${client} AND h.closed_at IS NULL
     AND h.starts_on <= ${day}::date AND h.ends_on >= ${day}::date
     AND NOT EXISTS (SELECT 1 FROM homework_entries e
                      WHERE e.assignment_id = h.id AND e.occurs_on <= ${day}::date
                        AND (h.frequency = 'once'
                             OR e.occurs_on > ${day}::date - CASE h.frequency WHEN 'weekly' THEN 7 ELSE 1 END)))`;
