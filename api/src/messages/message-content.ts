import type { EntityManager } from 'typeorm';
import { NOTE_LATE_AFTER_HOURS, todayIn, type MailKind } from '@cairn/contracts';
import { composeMail, type ComposedMail } from '../mail/mail-content';
import { undocumentedAsOf } from '../notes/late-notes.service';
import { HOMEWORK_OPEN_ON } from './daily-planner';
import type { PlannedMessage } from './entities/planned-message.entity';

export type Composed =
  | { send: true; kind: MailKind; to: string; mail: ComposedMail; headers?: Record<string, string> }
  | { send: false; reason: string };

export interface ComposeContext {
  publicUrl: string;
  /** The application clock's now (counts in the digest are as of the send). */
  now: Date;
  /** A signed link that stops a client's reminders (see stop-links.ts). */
  stopUrl(clinicId: string, clientId: string): string;
}

interface Recipient {
  email: string | null;
  consent: boolean;
  /** Staff only: still active, and still wanting the daily digest. */
  wantsDigest?: boolean;
  /** Clients only: turned homework nudges on. */
  wantsNudges?: boolean;
}

/**
 * Builds a planned message's email from the data as it is now (a moved appointment reads its new
 * time; an acknowledged alert is not escalated), or says why it is no longer to be sent. The
 * wording is discreet: a partner may read the screen. Clients' messages never name a
 * service, a specialty or a questionnaire; staff alerts never name the client, the answer, the
 * instrument or the item.
 */
export async function composePlanned(
  manager: EntityManager,
  message: PlannedMessage,
  context: ComposeContext,
): Promise<Composed> {
  const [clinic] = await manager.query<{ name: string; time_zone: string }[]>(
    'SELECT name, time_zone FROM clinics WHERE id = $1',
    [message.clinicId],
  );
  if (!clinic) return { send: false, reason: 'clinic not found' };
  const to = await recipientOf(manager, message);
  if (!to.email) return { send: false, reason: 'no address' };

  switch (message.kind) {
    case 'risk_alert': {
      return {
        send: true,
        kind: 'risk_alert',
        to: to.email,
        mail: composeMail({
          subject: 'A response in Cairn needs your attention',
          greeting: 'Hello,',
          paragraphs: ['A response in Cairn needs your attention. Please sign in to see it.'],
          action: { label: 'Open Cairn', url: `${context.publicUrl}/` },
        }),
      };
    }
    case 'risk_alert_escalation': {
      const [flag] = await manager.query<{ acknowledged: boolean }[]>(
        'SELECT acknowledged_at IS NOT NULL AS acknowledged FROM risk_flags WHERE id = $1',
        [message.subjectId],
      );
      if (!flag || flag.acknowledged) return { send: false, reason: 'acknowledged' };
      return {
        send: true,
        kind: 'risk_alert_escalation',
        to: to.email,
        mail: composeMail({
          subject: 'An alert in Cairn is waiting',
          greeting: 'Hello,',
          paragraphs: [
            'An alert in Cairn has not been acknowledged yet. Please sign in and make sure it reaches the right person.',
          ],
          action: { label: 'Open Cairn', url: `${context.publicUrl}/` },
        }),
      };
    }
    case 'appointment_reminder': {
      if (!to.consent || !message.recipientClientId) return { send: false, reason: 'no consent' };
      const [appointment] = await manager.query<{ status: string; starts_at: Date }[]>(
        'SELECT status, starts_at FROM appointments WHERE id = $1',
        [message.subjectId],
      );
      if (!appointment || appointment.status !== 'scheduled') {
        return { send: false, reason: 'not scheduled' };
      }
      const when = appointmentWording(appointment.starts_at, clinic.time_zone);
      const stop = context.stopUrl(message.clinicId, message.recipientClientId);
      return {
        send: true,
        kind: 'appointment_reminder',
        to: to.email,
        mail: composeMail({
          subject: 'Appointment reminder',
          greeting: 'Hello,',
          paragraphs: [`You have an appointment on ${when} with ${clinic.name}.`],
          footnotes: [`To stop these reminders: ${stop}`],
        }),
        headers: oneClickStop(stop),
      };
    }
    case 'questionnaire_waiting': {
      if (!to.consent || !message.recipientClientId) return { send: false, reason: 'no consent' };
      const [assessment] = await manager.query<{ status: string }[]>(
        'SELECT status FROM assessments WHERE id = $1',
        [message.subjectId],
      );
      if (!assessment || assessment.status !== 'in_progress') {
        return { send: false, reason: 'no longer open' };
      }
      const stop = context.stopUrl(message.clinicId, message.recipientClientId);
      return {
        send: true,
        kind: 'questionnaire_waiting',
        to: to.email,
        mail: composeMail({
          subject: 'Something is waiting for you in your portal',
          greeting: 'Hello,',
          paragraphs: ['Something is waiting for you in your portal.'],
          action: { label: 'Open your portal', url: `${context.publicUrl}/portal` },
          footnotes: [`To stop these emails: ${stop}`],
        }),
        headers: oneClickStop(stop),
      };
    }
    case 'daily_digest': {
      if (!to.wantsDigest || !message.recipientUserId) return { send: false, reason: 'opted out' };
      const counts = await digestCounts(
        manager,
        message.recipientUserId,
        context.now,
        todayIn(clinic.time_zone, context.now),
      );
      if (!counts.lateNotes && !counts.overdue && !counts.openFlags) {
        return { send: false, reason: 'nothing to report' };
      }
      return {
        send: true,
        kind: 'daily_digest',
        to: to.email,
        mail: composeMail({
          subject: 'Your Cairn summary for today',
          greeting: 'Good morning,',
          paragraphs: [
            `Notes past due: ${counts.lateNotes}`,
            `Questionnaires overdue: ${counts.overdue}`,
            `Alerts waiting for acknowledgement: ${counts.openFlags}`,
            'Sign in to see the details. You can turn this summary off under Sign-in and security.',
          ],
          action: { label: 'Open Cairn', url: `${context.publicUrl}/` },
        }),
      };
    }
    case 'homework_nudge': {
      if (!to.consent || !to.wantsNudges || !message.recipientClientId) {
        return { send: false, reason: 'no consent' };
      }
      const [open] = await manager.query<{ open: boolean }[]>(
        `SELECT ${HOMEWORK_OPEN_ON('$1', '$2')} AS open`,
        [message.recipientClientId, todayIn(clinic.time_zone, context.now)],
      );
      if (!open?.open) return { send: false, reason: 'nothing waiting' };
      const stop = context.stopUrl(message.clinicId, message.recipientClientId);
      return {
        send: true,
        kind: 'homework_nudge',
        to: to.email,
        mail: composeMail({
          subject: 'Something is waiting for you in your portal',
          greeting: 'Hello,',
          paragraphs: ['Something is waiting for you in your portal.'],
          action: { label: 'Open your portal', url: `${context.publicUrl}/portal` },
          footnotes: [`To stop these emails: ${stop}`],
        }),
        headers: oneClickStop(stop),
      };
    }
  }
}

/**
 * The digest's three counts for one therapist: notes owed (their own unsigned progress notes and
 * their completed sessions without a note, 72 hours on), questionnaires past their due date for
 * clients they treat, and unacknowledged flags on those clients. Counts only: no names, no detail.
 */
export async function digestCounts(
  manager: EntityManager,
  therapistId: string,
  now: Date,
  today: string,
): Promise<{ lateNotes: number; overdue: number; openFlags: number }> {
  const [row] = await manager.query<
    { drafts: number; missing: number; overdue: number; flags: number }[]
  >(
    `SELECT
       (SELECT count(*)::int FROM session_notes note
         WHERE note.author_id = $1 AND note.status = 'draft' AND note.kind = 'progress'
           AND note.session_at < $2::timestamptz - make_interval(hours => $3)) AS drafts,
       (SELECT count(*)::int FROM appointments a
         WHERE a.therapist_id = $1 AND ${undocumentedAsOf('$2::timestamptz', '$3')}) AS missing,
       (SELECT count(*)::int FROM assessments s JOIN clients c ON c.id = s.client_id
         WHERE c.primary_therapist_id = $1 AND s.status = 'in_progress' AND s.due_on < $4::date) AS overdue,
       (SELECT count(*)::int FROM risk_flags f JOIN clients c ON c.id = f.client_id
         WHERE c.primary_therapist_id = $1 AND f.acknowledged_at IS NULL) AS flags`,
    [therapistId, now, NOTE_LATE_AFTER_HOURS, today],
  );
  return {
    lateNotes: (row?.drafts ?? 0) + (row?.missing ?? 0),
    overdue: row?.overdue ?? 0,
    openFlags: row?.flags ?? 0,
  };
}

/** "Tue 8 Dec at 10:00", in the clinic's time zone. */
export function appointmentWording(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  ) as Record<string, string>;
  return `${parts['weekday']} ${parts['day']} ${parts['month']} at ${parts['hour']}:${parts['minute']}`;
}

/** RFC 8058: the mail client's unsubscribe button POSTs the link, which stops at once. */
function oneClickStop(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

async function recipientOf(manager: EntityManager, message: PlannedMessage): Promise<Recipient> {
  if (message.recipientUserId) {
    const [user] = await manager.query<{ email: string; digest: boolean }[]>(
      'SELECT email, is_active AND NOT daily_digest_opt_out AS digest FROM users WHERE id = $1',
      [message.recipientUserId],
    );
    return { email: user?.email ?? null, consent: true, wantsDigest: user?.digest ?? false };
  }
  const [client] = await manager.query<
    { email: string | null; consent: boolean; nudges: boolean }[]
  >(
    `SELECT coalesce(u.email, c.email) AS email, c.reminder_consent AS consent,
            c.homework_nudge_consent AS nudges
       FROM clients c LEFT JOIN users u ON u.id = c.portal_user_id
      WHERE c.id = $1 AND c.status <> 'discharged'`,
    [message.recipientClientId],
  );
  return {
    email: client?.email ?? null,
    consent: client?.consent ?? false,
    wantsNudges: client?.nudges ?? false,
  };
}
