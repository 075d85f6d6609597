import { Injectable } from '@nestjs/common';
import type { MailKind } from '@cairn/contracts';
import { MailService } from '../mail/mail.service';

/** One composed message for one address, as any channel would take it. */
export interface OutgoingMessage {
  clinicId: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The same for every try of one planned message, so a duplicate is recognisable as one. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface TransportResult {
  outcome: 'sent' | 'failed' | 'bounced';
  messageId: string | null;
  error: string | null;
}

/**
 * A way to reach someone. Email is the one built; SMS would be another implementation chosen by
 * the planned message's `channel`, with the dispatcher unchanged.
 */
export interface MessageTransport {
  readonly channel: string;
  send(message: OutgoingMessage): Promise<TransportResult>;
}

/** Email through the mail module (which records each delivery, never the body). */
@Injectable()
export class EmailTransport implements MessageTransport {
  readonly channel = 'email';

  constructor(private readonly mail: MailService) {}

  async send(message: OutgoingMessage): Promise<TransportResult> {
    const result = await this.mail.send({
      kind: message.kind,
      clinicId: message.clinicId,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { ...(message.headers ?? {}), 'Message-ID': message.messageId },
    });
    return {
      outcome: result.outcome === 'pending' ? 'failed' : result.outcome,
      messageId: result.messageId,
      error: result.outcome === 'sent' ? null : `mail ${result.outcome}`,
    };
  }
}
