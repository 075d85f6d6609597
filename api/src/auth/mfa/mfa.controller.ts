import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type AccessTokenResponse,
  type MfaEnrolledResponse,
  type TotpSetupResponse,
  type WebAuthnJson,
} from '@cairn/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import type { ClientInfo } from '../auth.service';
import { Public } from '../decorators/public.decorator';
import { SignInRateLimitGuard } from '../guards/sign-in-rate-limit.guard';
import { setRefreshCookie } from '../refresh-cookie';
import {
  MfaEnrolConfirmDto,
  MfaEnrolStartDto,
  MfaPasskeyDto,
  MfaVerifyDto,
  PasskeyOptionsDto,
} from './dto/mfa.dto';
import { MfaSignInService } from './mfa-sign-in.service';

/** The second sign-in step. Public (no session exists yet): the challenge token is the key. */
@ApiTags('auth')
@Controller()
export class MfaController {
  constructor(
    private readonly mfa: MfaSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post(ApiRoutes.auth.mfaVerify)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  async verify(
    @Body() body: MfaVerifyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const signedIn = await this.mfa.verify(
      body.challengeToken,
      { code: body.code, recoveryCode: body.recoveryCode },
      clientOf(request),
    );
    setRefreshCookie(response, signedIn.refreshToken, this.config);
    return signedIn.response;
  }

  @Public()
  @Post(ApiRoutes.auth.mfaPasskeyOptions)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  passkeyOptions(@Body() body: PasskeyOptionsDto): Promise<WebAuthnJson> {
    return this.mfa.passkeyOptions(body.challengeToken);
  }

  @Public()
  @Post(ApiRoutes.auth.mfaPasskey)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  async passkey(
    @Body() body: MfaPasskeyDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AccessTokenResponse> {
    const signedIn = await this.mfa.verifyPasskey(
      body.challengeToken,
      body.credential,
      clientOf(request),
    );
    setRefreshCookie(response, signedIn.refreshToken, this.config);
    return signedIn.response;
  }

  @Public()
  @Post(ApiRoutes.auth.mfaEnrol)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  enrol(@Body() body: MfaEnrolStartDto): Promise<TotpSetupResponse> {
    return this.mfa.startEnrolment(body.challengeToken);
  }

  @Public()
  @Post(ApiRoutes.auth.mfaEnrolConfirm)
  @HttpCode(200)
  @UseGuards(SignInRateLimitGuard)
  async confirmEnrolment(
    @Body() body: MfaEnrolConfirmDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<MfaEnrolledResponse> {
    const enrolled = await this.mfa.confirmEnrolment(
      body.challengeToken,
      body.code,
      clientOf(request),
    );
    setRefreshCookie(response, enrolled.signedIn.refreshToken, this.config);
    return enrolled.response;
  }
}

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}
