import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type ClientMessages,
  type HomeworkNudgeConsent,
  type MyMessagePreferences,
  type MessageSettings,
  type PlannedMessageView,
  type ReminderConsent,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import {
  HomeworkNudgeConsentDto,
  MessageSettingsDto,
  MyMessagePreferencesDto,
  PlannedMessageQueryDto,
  ReminderConsentDto,
} from './dto/messages.dto';
import { UuidParam } from '../http/uuid-param';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** What the clinic sent and will send (no bodies). Admins only. */
  @Access('admin')
  @Get(ApiRoutes.messages.list)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PlannedMessageQueryDto,
  ): Promise<PlannedMessageView[]> {
    return this.messages.list(user, query);
  }

  @Access('admin')
  @Get(ApiRoutes.messages.settings)
  settings(@CurrentUser() user: AuthenticatedUser): Promise<MessageSettings> {
    return this.messages.settings(user);
  }

  /** Lead times, quiet hours, the hold and the escalation time; bad values are 400 naming the field. */
  @Access('admin')
  @Put(ApiRoutes.messages.settings)
  setSettings(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: MessageSettingsDto,
  ): Promise<MessageSettings> {
    return this.messages.setSettings(user, body);
  }

  @Access('admin')
  @Post(ApiRoutes.messages.retry)
  @HttpCode(204)
  retry(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.messages.retry(user, id);
  }

  /** Consent and the latest messages for the client file; 404 when the file is not visible. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.messages.clientMessages)
  forClient(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ClientMessages> {
    return this.messages.forClient(user, id);
  }

  @Access('admin', 'therapist')
  @Put(ApiRoutes.messages.clientConsent)
  setConsent(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: ReminderConsentDto,
  ): Promise<ReminderConsent> {
    return this.messages.setConsent(user, id, body.consent);
  }

  @Access('client')
  @Get(ApiRoutes.myReminderConsent)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<ReminderConsent> {
    return this.messages.myConsent(user);
  }

  @Access('client')
  @Put(ApiRoutes.myReminderConsent)
  setMine(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ReminderConsentDto,
  ): Promise<ReminderConsent> {
    return this.messages.setMyConsent(user, body.consent);
  }

  /** Only the client turns homework nudges on (portal). */
  @Access('client')
  @Get(ApiRoutes.myHomeworkNudges)
  myNudges(@CurrentUser() user: AuthenticatedUser): Promise<HomeworkNudgeConsent> {
    return this.messages.myNudges(user);
  }

  @Access('client')
  @Put(ApiRoutes.myHomeworkNudges)
  setMyNudges(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: HomeworkNudgeConsentDto,
  ): Promise<HomeworkNudgeConsent> {
    return this.messages.setMyNudges(user, body.consent);
  }

  /** A staff member's own choices about messages to them (the daily digest). */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.myMessagePreferences)
  preferences(@CurrentUser() user: AuthenticatedUser): Promise<MyMessagePreferences> {
    return this.messages.preferences(user);
  }

  @Access('admin', 'therapist')
  @Put(ApiRoutes.myMessagePreferences)
  setPreferences(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: MyMessagePreferencesDto,
  ): Promise<MyMessagePreferences> {
    return this.messages.setPreferences(user, body.dailyDigest);
  }
}
