import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, EMAIL_CHANGE_ACCEPTED } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';
import { SignInRateLimitGuard } from '../auth/guards/sign-in-rate-limit.guard';
import { EmailChangeConfirmDto, EmailChangeDto } from './dto/email-change.dto';
import { EmailChangeService } from './email-change.service';

@ApiTags('auth')
@Controller()
export class EmailChangeController {
  constructor(private readonly changes: EmailChangeService) {}

  /** 202: the change happens when the link sent to the new address is opened. */
  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.auth.emailChange)
  @HttpCode(202)
  async request(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: EmailChangeDto,
  ): Promise<typeof EMAIL_CHANGE_ACCEPTED> {
    await this.changes.request(user, body.password, body.newEmail);
    return EMAIL_CHANGE_ACCEPTED;
  }

  /** Public: the link may be opened on a device that is not signed in; the secret is the proof. */
  @Public()
  @Post(ApiRoutes.auth.emailChangeConfirm)
  @HttpCode(204)
  @UseGuards(SignInRateLimitGuard)
  async confirm(@Body() body: EmailChangeConfirmDto): Promise<void> {
    await this.changes.confirm(body.token);
  }
}
