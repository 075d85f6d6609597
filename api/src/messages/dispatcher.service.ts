import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';
import { Clock } from '../jobs/clock';
import { DISPATCH_QUEUE } from '../jobs/job-queue-install';
import { JobQueue } from '../jobs/job-queue.service';
import { PlannedMessage } from './entities/planned-message.entity';
import { composePlanned } from './message-content';
import { EmailTransport, type MessageTransport } from './message-transport';
import { stopToken } from './stop-links';

/** How many due rows one claim takes; the rest wait for the next round of the same run. */
const BATCH = 20;
/** A claimed row not finished within this time (a worker died mid-send) may be claimed again. */
const CLAIM_MS = 5 * 60_000;

interface ClaimedRow {
  id: string;
}

/**
 * The job that sends planned messages. Clinic by clinic (row-level security), it claims due rows
 * by the application's clock with `FOR UPDATE SKIP LOCKED` and marks them `sending` in the same
 * short transaction, so two workers never take the same row; then sends each through its
 * channel's transport and records the outcome. A failure is tried again after a growing wait;
 * after the last try the row is `failed` and a job lands in the dead-letter queue.
 */
@Injectable()
export class MessageDispatcher implements OnModuleInit {
  private readonly logger = new Logger('Messages');
  private readonly transports: Map<string, MessageTransport>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    email: EmailTransport,
  ) {
    this.transports = new Map([[email.channel, email]]);
  }

  onModuleInit(): void {
    this.jobs.register(DISPATCH_QUEUE, () => this.dispatch());
  }

  /** Sends everything due now; answers how many messages went out. */
  async dispatch(): Promise<number> {
    const clinics = await this.db.forClinic(null, (manager) =>
      manager.query<{ id: string }[]>('SELECT clinic_ids() AS id'),
    );
    let sent = 0;
    for (const { id } of clinics) {
      for (;;) {
        const claimed = await this.claim(id);
        for (const row of claimed) if (await this.deliver(id, row.id)) sent++;
        if (claimed.length < BATCH) break;
      }
    }
    return sent;
  }

  private claim(clinicId: string): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    return this.db.forClinic(clinicId, async (manager) => {
      const rows = await manager.query<[ClaimedRow[], number]>(
        `UPDATE planned_messages SET status = 'sending', claimed_until = $2, attempts = attempts + 1,
                updated_at = now()
          WHERE id IN (
            SELECT id FROM planned_messages
             WHERE ((status IN ('planned', 'held') AND due_at <= $1
                     AND (held_until IS NULL OR held_until <= $1))
                    OR (status = 'sending' AND claimed_until <= $1))
             ORDER BY due_at LIMIT ${BATCH}
             FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now, new Date(now.getTime() + CLAIM_MS)],
      );
      return rows[0];
    });
  }

  private async deliver(clinicId: string, id: string): Promise<boolean> {
    const prepared = await this.db.forClinic(clinicId, async (manager) => {
      const message = await manager.findOneByOrFail(PlannedMessage, { id });
      const composed = await composePlanned(manager, message, {
        publicUrl: this.config.publicUrl,
        now: this.clock.now(),
        stopUrl: (clinic, client) =>
          `${this.config.publicUrl}/api/messages/stop?t=${stopToken(this.config.jwtSecret, clinic, client)}`,
      });
      if (!composed.send) {
        await manager.update(
          PlannedMessage,
          { id },
          { status: 'stopped', claimedUntil: null, lastError: composed.reason },
        );
      }
      return { message, composed };
    });
    const { message, composed } = prepared;
    if (!composed.send) return false;
    const transport = this.transports.get(message.channel);
    const host = new URL(this.config.publicUrl).hostname || 'cairn.local';
    const result = transport
      ? await transport.send({
          clinicId,
          kind: composed.kind,
          to: composed.to,
          ...composed.mail,
          headers: composed.headers,
          messageId: `<pm-${message.id}@${host}>`,
        })
      : { outcome: 'failed' as const, messageId: null, error: `no ${message.channel} transport` };

    const now = this.clock.now();
    if (result.outcome === 'sent') {
      await this.db.forClinic(clinicId, (manager) =>
        manager.update(
          PlannedMessage,
          { id },
          {
            status: 'sent',
            sentAt: now,
            claimedUntil: null,
            lastError: null,
            messageId: (result.messageId ?? '').slice(0, 300) || null,
            recipientAddress: composed.to,
          },
        ),
      );
      return true;
    }
    const last = result.outcome === 'bounced' || message.attempts >= this.config.jobs.maxAttempts;
    const backoff = this.config.jobs.retryBackoffSeconds;
    const waitSeconds = backoff[Math.min(message.attempts - 1, backoff.length - 1)] ?? 60;
    await this.db.forClinic(clinicId, (manager) =>
      manager.update(
        PlannedMessage,
        { id },
        last
          ? {
              status: 'failed',
              claimedUntil: null,
              lastError: result.error,
              recipientAddress: composed.to,
            }
          : {
              status: 'planned',
              claimedUntil: null,
              lastError: result.error,
              dueAt: new Date(now.getTime() + waitSeconds * 1000),
              heldUntil: null,
            },
      ),
    );
    if (last) {
      this.logger.warn({ msg: 'message failed after its last try', plannedMessageId: id });
      await this.jobs.deadLetter({ clinicId, plannedMessageId: id });
    }
    return false;
  }
}
