import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { CLIENT_MAIL_KINDS, type MailKind, type MailOutcome } from '@cairn/contracts';
import type { SendMailOptions } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';
import { MailDelivery } from './entities/mail-delivery.entity';
import { createMailTransport, type MailTransport } from './mail-transport';

/** One email to one person, already composed (see mail-content.ts). */
export interface MailMessage {
  kind: MailKind;
  /** The clinic it is sent for: its name is the sender's name, its delivery log records it. */
  clinicId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers; client messages get List-Unsubscribe added unless given. */
  headers?: Record<string, string>;
  /** Overrides the clinic's name as the sender's name. */
  senderName?: string;
}

export interface MailResult {
  deliveryId: string;
  outcome: MailOutcome;
  messageId: string | null;
}

/**
 * Sends mail and records each delivery (never the body). `send` tries the transport, retrying a
 * temporary failure with growing delays, and returns once the transport accepted the message or
 * gave up; it does not throw for a refused or unreachable server, it reports the outcome.
 * `sendAfterCommit` is for requests: it starts `send` only once the request's transaction has
 * committed and never makes the request wait or fail.
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport!: MailTransport;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.transport = createMailTransport(this.config.mail);
    this.logger.log(
      this.config.mail.smtpUrl
        ? `Mail goes through ${redact(this.config.mail.smtpUrl)}`
        : `Mail is written as .eml files under ${this.config.mail.fileDir}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    // A message waiting for its retry is given up on shutdown rather than holding the process.
    this.stopping = true;
    await this.settled();
    this.transport?.close();
  }

  /** Sends `message` now and answers what became of it. */
  async send(message: MailMessage): Promise<MailResult> {
    const work = this.deliver(message);
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /** Sends `message` once the current transaction has committed; nothing if it rolls back. */
  sendAfterCommit(message: MailMessage): void {
    this.db.afterCommit(() => {
      void this.send(message).catch((error: unknown) => {
        this.logger.error({
          msg: 'mail could not be sent',
          kind: message.kind,
          error: text(error),
        });
      });
    });
  }

  /** Resolves when every message started so far has been sent or given up (tests, shutdown). */
  async settled(): Promise<void> {
    // Sends started after a commit begin on the next turn of the event loop (Db.afterCommit).
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(message: MailMessage): Promise<MailResult> {
    const { deliveryId, clinicName } = await this.db.forClinic(
      message.clinicId,
      async (manager) => {
        const [clinic] = await manager.query<{ name: string }[]>(
          'SELECT name FROM clinics WHERE id = $1',
          [message.clinicId],
        );
        const inserted = await manager.insert(MailDelivery, {
          clinicId: message.clinicId,
          kind: message.kind,
          recipient: message.to,
          outcome: 'pending',
          attempts: 0,
        });
        return {
          deliveryId: (inserted.identifiers[0] as { id: string }).id,
          clinicName: clinic?.name ?? 'Cairn',
        };
      },
    );
    const mail = this.compose(message, clinicName);
    const delays = this.config.mail.retryDelaysMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const accepted = await this.transport.deliver(mail);
        await this.record(message.clinicId, deliveryId, {
          outcome: 'sent',
          attempts: attempt,
          messageId: accepted.messageId.slice(0, 300),
          sentAt: new Date(),
          lastError: null,
        });
        this.logger.log({
          msg: this.config.mail.smtpUrl ? 'mail sent' : `mail written to ${accepted.where}`,
          kind: message.kind,
          deliveryId,
        });
        return { deliveryId, outcome: 'sent', messageId: accepted.messageId };
      } catch (error) {
        const permanent = isPermanentRejection(error);
        const last = permanent || attempt > delays.length || this.stopping;
        const outcome: MailOutcome = permanent ? 'bounced' : 'failed';
        await this.record(message.clinicId, deliveryId, {
          attempts: attempt,
          lastError: describe(error),
          ...(last ? { outcome, failedAt: new Date() } : {}),
        });
        if (last) {
          this.logger.warn({ msg: `mail ${outcome}`, kind: message.kind, deliveryId, attempt });
          return { deliveryId, outcome, messageId: null };
        }
        await this.pause(delays[attempt - 1] ?? 0);
      }
    }
  }

  /** Waits before a retry, cut short when the app is shutting down. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - Date.now())));
    }
  }

  private compose(message: MailMessage, clinicName: string): SendMailOptions {
    const headers: Record<string, string> = { ...(message.headers ?? {}) };
    if (CLIENT_MAIL_KINDS.includes(message.kind) && !hasHeader(headers, 'list-unsubscribe')) {
      const from = this.config.mail.from ?? 'cairn@localhost';
      headers['List-Unsubscribe'] = `<mailto:${from}?subject=unsubscribe>`;
    }
    return {
      from: {
        name: message.senderName ?? clinicName,
        address: this.config.mail.from ?? 'cairn@localhost',
      },
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers,
    };
  }

  private async record(
    clinicId: string,
    id: string,
    change: Partial<
      Pick<MailDelivery, 'outcome' | 'attempts' | 'messageId' | 'lastError' | 'sentAt' | 'failedAt'>
    >,
  ): Promise<void> {
    try {
      await this.db.forClinic(clinicId, (manager) => manager.update(MailDelivery, { id }, change));
    } catch (error) {
      // The message is out (or not) whatever the log says; a lost log row must at least be loud.
      this.logger.error({
        msg: 'mail delivery could not be recorded',
        deliveryId: id,
        error: text(error),
      });
    }
  }
}

/** A 5xx reply refuses the message for good (unknown mailbox, policy): retrying changes nothing. */
function isPermanentRejection(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const detail = error as { responseCode?: number; code?: string; response?: string } | null;
  const parts = [detail?.responseCode, detail?.code, detail?.response ?? text(error)];
  return parts
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join(' ')
    .slice(0, 300);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'SMTP_URL';
  }
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
