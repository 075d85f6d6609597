import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { MailConfig } from '../config/app-config';

/** What the transport said once it took a message. */
export interface Accepted {
  messageId: string;
  /** Where it went: the SMTP server's reply, or the file written. */
  where: string;
}

/** Hands one composed message to whatever delivers mail; throws what the server answered. */
export interface MailTransport {
  deliver(message: SendMailOptions): Promise<Accepted>;
  close(): void;
}

/**
 * The SMTP server of `SMTP_URL` when one is set (in any mode), else (development and tests) a
 * folder of `.eml` files. nodemailer reads TLS from the URL: `smtps://` is TLS from the first
 * byte; `smtp://` upgrades with STARTTLS whenever the server offers it; `?requireTLS=true`
 * refuses a server that does not. Credentials come from the URL's user and password.
 */
export function createMailTransport(config: MailConfig): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.fileDir);
}

function smtpTransport(url: string): MailTransport {
  const transporter = createTransport(url);
  return {
    async deliver(message) {
      const info = (await transporter.sendMail(message)) as { messageId: string; response: string };
      return { messageId: info.messageId, where: info.response };
    },
    close: () => transporter.close(),
  };
}

function fileTransport(folder: string): MailTransport {
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async deliver(message) {
      const info = (await transporter.sendMail(message)) as {
        messageId: string;
        message: Buffer;
      };
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const safeId = info.messageId.replace(/[^A-Za-z0-9@.-]/g, '');
      const file = path.join(folder, `${stamp}-${safeId}.eml`);
      await writeFile(file, info.message, { mode: 0o600 });
      return { messageId: info.messageId, where: file };
    },
    close: () => undefined,
  };
}
