import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type AccessTokenResponse,
  type LoginResponse,
  type SessionUser,
} from '@cairn/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { UsersService } from '../users/users.service';
import { AuthService, type SignInOutcome } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { Access } from './decorators/access.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { AcceptInviteDto } from './dto/accept-invite.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { CsrfHeaderGuard } from './guards/csrf-header.guard';
import { LoginGuard } from './guards/login.guard';
import { SignInRateLimitGuard } from './guards/sign-in-rate-limit.guard';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post(ApiRoutes.auth.login)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard, LoginGuard)
  login(
    @Body() _credentials: LoginDto,
    @Req() request: FastifyRequest & { user: SignInOutcome },
    @Res({ passthrough: true }) response: FastifyReply,
  ): LoginResponse {
    return this.answer(request.user, response);
  }

  /**
   * Not rate-limited: it needs the secret refresh cookie (256 random bits), and every page load
   * calls it, so a per-address limit would sign out a whole clinic behind one router.
   */
  @Public()
  @Post(ApiRoutes.auth.refresh)
  @HttpCode(200)
  @UseGuards(CsrfHeaderGuard)
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccessTokenResponse> {
    try {
      const signedIn = await this.auth.refresh(readRefreshCookie(request));
      setRefreshCookie(response, signedIn.refreshToken, this.config);
      return signedIn.response;
    } catch (error) {
      clearRefreshCookie(response, this.config);
      throw error;
    }
  }

  /** Public so that a sign-out works after the access token expired; the cookie names the session. */
  @Public()
  @Post(ApiRoutes.auth.logout)
  @HttpCode(204)
  @UseGuards(CsrfHeaderGuard)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<void> {
    await this.auth.signOut(readRefreshCookie(request));
    clearRefreshCookie(response, this.config);
  }

  /** Sets the password from an invitation link and signs in, like a login. */
  @Public()
  @Post(ApiRoutes.auth.acceptInvite)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  async acceptInvite(
    @Body() body: AcceptInviteDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<LoginResponse> {
    const outcome = await this.auth.acceptInvite(body.token, body.password, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    return this.answer(outcome, response);
  }

  /** Signed in: the refresh cookie and the access token. A second step due: its challenge only. */
  private answer(outcome: SignInOutcome, response: FastifyReply): LoginResponse {
    if (outcome.kind === 'mfa') return outcome.challenge;
    setRefreshCookie(response, outcome.signedIn.refreshToken, this.config);
    return outcome.signedIn.response;
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.auth.me)
  @ApiOkResponse({ description: 'The signed-in user, their role and clinic.' })
  me(@CurrentUser() user: AuthenticatedUser): Promise<SessionUser> {
    return this.users.sessionUser(user.id);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.auth.password)
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<void> {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword);
    clearRefreshCookie(response, this.config);
  }
}
