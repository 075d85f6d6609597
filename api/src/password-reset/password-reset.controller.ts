import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, PASSWORD_RESET_ACCEPTED, type PasswordResetAccepted } from '@cairn/contracts';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators/public.decorator';
import { SignInRateLimitGuard } from '../auth/guards/sign-in-rate-limit.guard';
import { currentRequest } from '../http/request-context';
import { PasswordResetConfirmDto, PasswordResetDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller()
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** Always 202 with the same body: whether the address has an account is never told. */
  @Public()
  @Post(ApiRoutes.auth.passwordReset)
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'A link is mailed if an account uses the address.' })
  async request(
    @Body() body: PasswordResetDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordResetAccepted> {
    await this.resets.request(body.email, currentRequest()?.ip ?? request.ip ?? null);
    return PASSWORD_RESET_ACCEPTED;
  }

  /** Sets the password from the link; the person then signs in with it. */
  @Public()
  @Post(ApiRoutes.auth.passwordResetConfirm)
  @HttpCode(204)
  @UseGuards(SignInRateLimitGuard)
  async confirm(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resets.confirm(body.token, body.password);
  }
}
