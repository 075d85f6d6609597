import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes } from '@cairn/contracts';
import { Public } from '../auth/decorators/public.decorator';
import { CalendarFeedService } from './calendar-feed.service';

@ApiTags('scheduling')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  /** Public by design: the secret token in the URL is the credential a calendar app can send. */
  @Public()
  @Get(ApiRoutes.scheduling.feed)
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.render(token);
  }
}
