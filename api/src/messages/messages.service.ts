import { Injectable, NotFoundException, ConflictException } from '@nestjs/common';
import type {
  ClientMessages,
  HomeworkNudgeConsent,
  MyMessagePreferences,
  MessageSettings,
  PlannedMessageQuery,
  PlannedMessageView,
  ReminderConsent,
} from '@cairn/contracts';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Db } from '../database/db.service';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';

const LIST_LIMIT = 500;
/** The client file shows only the latest few; the admin's Messages page has the rest. */
const CLIENT_FILE_LIMIT = 10;

interface Row {
  id: string;
  kind: PlannedMessageView['kind'];
  channel: 'email';
  recipient: string | null;
  due_at: Date;
  status: PlannedMessageView['status'];
  attempts: number;
  sent_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

/** The admin's view of what was (and will be) sent, and each client's consent to reminders. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  /** Newest first, never a body: kind, recipient, when planned, when sent, status. */
  async list(actor: AuthenticatedUser, query: PlannedMessageQuery): Promise<PlannedMessageView[]> {
    const rows = await this.db.manager.query<Row[]>(
      `SELECT m.id, m.kind, m.channel, m.due_at, m.status, m.attempts, m.sent_at, m.last_error, m.created_at,
              coalesce(m.recipient_address, u.email, cu.email, c.email) AS recipient
         FROM planned_messages m
         LEFT JOIN users u ON u.id = m.recipient_user_id
         LEFT JOIN clients c ON c.id = m.recipient_client_id
         LEFT JOIN users cu ON cu.id = c.portal_user_id
        WHERE m.clinic_id = $1 AND ($2::text IS NULL OR m.status::text = $2)
          AND ($3::text IS NULL OR m.kind = $3)
        ORDER BY m.due_at DESC LIMIT ${LIST_LIMIT}`,
      [actor.clinicId, query.status ?? null, query.kind ?? null],
    );
    await this.audit.record({
      action: 'planned_message.listed',
      entityType: 'clinic',
      entityId: actor.clinicId,
      detail: { returned: rows.length },
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      channel: row.channel,
      recipient: row.recipient ?? '',
      dueAt: row.due_at.toISOString(),
      status: row.status,
      attempts: row.attempts,
      sentAt: row.sent_at?.toISOString() ?? null,
      lastError: row.last_error,
      createdAt: row.created_at.toISOString(),
    }));
  }

  /** A failed message goes again now, with its tries counted afresh. */
  async retry(actor: AuthenticatedUser, id: string): Promise<void> {
    const [found] = await this.db.manager.query<{ status: string }[]>(
      'SELECT status FROM planned_messages WHERE id = $1 AND clinic_id = $2 FOR UPDATE',
      [id, actor.clinicId],
    );
    if (!found) throw new NotFoundException('No such message.');
    if (found.status !== 'failed') throw new ConflictException('Only a failed message is retried.');
    await this.db.manager.query(
      `UPDATE planned_messages SET status = 'planned', attempts = 0, due_at = $2, held_until = NULL,
              updated_at = now() WHERE id = $1`,
      [id, this.clock.now()],
    );
    await this.audit.record({
      action: 'planned_message.retried',
      entityType: 'planned_message',
      entityId: id,
    });
    this.db.afterCommit(() => void this.jobs.wake());
  }

  async settings(actor: AuthenticatedUser): Promise<MessageSettings> {
    const [row] = await this.db.manager.query<
      {
        lead: number[];
        qs: number;
        qe: number;
        hold: number;
        esc: number;
      }[]
    >(
      `SELECT reminder_lead_hours AS lead, quiet_hours_start AS qs, quiet_hours_end AS qe,
              message_hold_minutes AS hold, risk_escalation_hours AS esc
         FROM clinics WHERE id = $1`,
      [actor.clinicId],
    );
    if (!row) throw new NotFoundException('No such clinic.');
    return {
      reminderLeadHours: row.lead,
      quietHoursStart: row.qs,
      quietHoursEnd: row.qe,
      holdMinutes: row.hold,
      riskEscalationHours: row.esc,
    };
  }

  /** New settings apply to what is planned from now on; planned rows keep their times. */
  async setSettings(actor: AuthenticatedUser, settings: MessageSettings): Promise<MessageSettings> {
    await this.db.manager.query(
      `UPDATE clinics SET reminder_lead_hours = $2, quiet_hours_start = $3, quiet_hours_end = $4,
              message_hold_minutes = $5, risk_escalation_hours = $6 WHERE id = $1`,
      [
        actor.clinicId,
        [...settings.reminderLeadHours].sort((a, b) => b - a),
        settings.quietHoursStart,
        settings.quietHoursEnd,
        settings.holdMinutes,
        settings.riskEscalationHours,
      ],
    );
    await this.audit.record({
      action: 'clinic.message_settings_changed',
      entityType: 'clinic',
      entityId: actor.clinicId,
    });
    return this.settings(actor);
  }

  /**
   * The client file's card: consent and the latest messages to the client (kind, times, status,
   * never a body or an address). Anyone who may view the file may see it.
   */
  async forClient(actor: AuthenticatedUser, clientId: string): Promise<ClientMessages> {
    const file = await this.access.inFile(actor, clientId, 'client', 'view');
    const rows = await this.db.manager.query<
      Pick<Row, 'id' | 'kind' | 'due_at' | 'sent_at' | 'status'>[]
    >(
      `SELECT id, kind, due_at, sent_at, status FROM planned_messages
        WHERE clinic_id = $1 AND recipient_client_id = $2
        ORDER BY due_at DESC, created_at DESC LIMIT ${CLIENT_FILE_LIMIT}`,
      [actor.clinicId, clientId],
    );
    await this.audit.record({
      action: 'planned_message.listed',
      entityType: 'client',
      entityId: clientId,
      detail: { returned: rows.length },
    });
    return {
      consent: file.record.reminderConsent,
      messages: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        dueAt: row.due_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
        status: row.status,
      })),
    };
  }

  /** Staff (the admin, the treating therapist) record what the client asked for. */
  async setConsent(
    actor: AuthenticatedUser,
    clientId: string,
    consent: boolean,
  ): Promise<ReminderConsent> {
    await this.access.inFile(actor, clientId, 'client', 'edit', { lock: true });
    return this.change(clientId, consent);
  }

  /** The client's own choice in the portal. */
  async setMyConsent(actor: AuthenticatedUser, consent: boolean): Promise<ReminderConsent> {
    const own = await this.access.ownClientFile(actor);
    if (!own) throw new NotFoundException('No client file for this account.');
    return this.change(own.record.id, consent);
  }

  async myConsent(actor: AuthenticatedUser): Promise<ReminderConsent> {
    const own = await this.access.ownClientFile(actor);
    if (!own) throw new NotFoundException('No client file for this account.');
    return { consent: own.record.reminderConsent };
  }

  async myNudges(actor: AuthenticatedUser): Promise<HomeworkNudgeConsent> {
    const own = await this.access.ownClientFile(actor);
    if (!own) throw new NotFoundException('No client file for this account.');
    return { consent: own.record.homeworkNudgeConsent };
  }

  /** Turning nudges off stops any nudge still planned for today. */
  async setMyNudges(actor: AuthenticatedUser, consent: boolean): Promise<HomeworkNudgeConsent> {
    const own = await this.access.ownClientFile(actor);
    if (!own) throw new NotFoundException('No client file for this account.');
    const clientId = own.record.id;
    await this.db.manager.query('UPDATE clients SET homework_nudge_consent = $2 WHERE id = $1', [
      clientId,
      consent,
    ]);
    if (!consent) {
      await this.db.manager.query(
        `UPDATE planned_messages SET status = 'stopped', updated_at = now()
          WHERE recipient_client_id = $1 AND kind = 'homework_nudge' AND status IN ('planned', 'held')`,
        [clientId],
      );
    }
    await this.audit.record({
      action: 'client.homework_nudges_changed',
      entityType: 'client',
      entityId: clientId,
      detail: { consent },
    });
    return { consent };
  }

  async preferences(actor: AuthenticatedUser): Promise<MyMessagePreferences> {
    const [row] = await this.db.manager.query<{ opt_out: boolean }[]>(
      'SELECT daily_digest_opt_out AS opt_out FROM users WHERE id = $1',
      [actor.id],
    );
    if (!row) throw new NotFoundException('No such account.');
    return { dailyDigest: !row.opt_out };
  }

  /** Opting out also stops today's digest if it has not gone yet. */
  async setPreferences(
    actor: AuthenticatedUser,
    dailyDigest: boolean,
  ): Promise<MyMessagePreferences> {
    await this.db.manager.query('UPDATE users SET daily_digest_opt_out = $2 WHERE id = $1', [
      actor.id,
      !dailyDigest,
    ]);
    if (!dailyDigest) {
      await this.db.manager.query(
        `UPDATE planned_messages SET status = 'stopped', updated_at = now()
          WHERE recipient_user_id = $1 AND kind = 'daily_digest' AND status IN ('planned', 'held')`,
        [actor.id],
      );
    }
    await this.audit.record({
      action: 'user.daily_digest_changed',
      entityType: 'user',
      entityId: actor.id,
      detail: { dailyDigest },
    });
    return this.preferences(actor);
  }

  private async change(clientId: string, consent: boolean): Promise<ReminderConsent> {
    await this.db.manager.query('UPDATE clients SET reminder_consent = $2 WHERE id = $1', [
      clientId,
      consent,
    ]);
    if (!consent) {
      // Withdrawn: nothing still planned for this client goes out.
      await this.db.manager.query(
        `UPDATE planned_messages SET status = 'stopped', updated_at = now()
          WHERE recipient_client_id = $1 AND status IN ('planned', 'held')`,
        [clientId],
      );
    }
    await this.audit.record({
      action: 'client.reminder_consent_changed',
      entityType: 'client',
      entityId: clientId,
      detail: { consent },
    });
    return { consent };
  }
}
