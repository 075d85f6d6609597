import { Controller, Get, Header, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { Public } from '../auth/decorators/public.decorator';
import { AcceptsBody } from '../http/body-type.guard';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { Db } from '../database/db.service';
import { readStopToken } from './stop-links';

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
  `<body style="font-family:Arial,Helvetica,sans-serif;max-width:480px;margin:40px auto;padding:0 16px">${body}</body></html>`;

/**
 * The stop link in reminders. Opening it (GET) only asks, because link scanners open every
 * link; the button (POST) or the mail client's one-click unsubscribe (RFC 8058, a POST) stops
 * reminders and portal notices for that client. The signed token is the credential.
 */
@Controller('messages/stop')
export class StopLinkController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirm(@Query('t') token: string | undefined): string {
    if (!token || !readStopToken(this.config.jwtSecret, token)) {
      return page('Link not valid', '<p>This link is not valid.</p>');
    }
    const action = `?t=${encodeURIComponent(token)}`;
    return page(
      'Stop reminders',
      `<p>Stop email reminders and notices?</p><form method="post" action="${action}"><button type="submit">Stop them</button></form>`,
    );
  }

  @Public()
  // Mail clients send `List-Unsubscribe=One-Click` form-encoded; nothing in the body is read.
  @AcceptsBody('application/x-www-form-urlencoded', 'multipart/form-data')
  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async stop(@Query('t') token: string | undefined): Promise<string> {
    const target = token ? readStopToken(this.config.jwtSecret, token) : null;
    if (!target) return page('Link not valid', '<p>This link is not valid.</p>');
    await this.db.forClinic(target.clinicId, async (manager) => {
      await manager.query('UPDATE clients SET reminder_consent = false WHERE id = $1', [
        target.clientId,
      ]);
      await manager.query(
        `UPDATE planned_messages SET status = 'stopped', updated_at = now()
          WHERE recipient_client_id = $1 AND status IN ('planned', 'held')`,
        [target.clientId],
      );
    });
    return page('Stopped', '<p>Done: no more email reminders or notices will be sent.</p>');
  }
}
