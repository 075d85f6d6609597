import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type AccountSession,
  type MfaPolicy,
  type MyMfaStatus,
  type PasskeySummary,
  type RecoveryCodesResponse,
  type StaffSecurityView,
  type TotpSetupResponse,
  type WebAuthnJson,
} from '@cairn/contracts';
import { UuidParam } from '../http/uuid-param';
import { AccountSessionsService } from './account-sessions.service';
import type { AuthenticatedUser } from './authenticated-user';
import { Access } from './decorators/access.decorator';
import { CurrentUser } from './decorators/current-user.decorator';
import { AccountMfaService } from './mfa/account-mfa.service';
import {
  MfaPolicyDto,
  PasskeyRegisterDto,
  PasswordConfirmDto,
  TotpConfirmDto,
} from './mfa/dto/mfa.dto';
import { StaffSecurityService } from './mfa/staff-security.service';

/** The signed-in person's own sign-in protection and sessions; the admin's staff security. */
@ApiTags('account')
@Controller()
export class AccountController {
  constructor(
    private readonly mfa: AccountMfaService,
    private readonly sessions: AccountSessionsService,
    private readonly staffSecurity: StaffSecurityService,
  ) {}

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.account.mfa)
  mfaStatus(@CurrentUser() user: AuthenticatedUser): Promise<MyMfaStatus> {
    return this.mfa.status(user);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.totp)
  @HttpCode(200)
  startTotp(@CurrentUser() user: AuthenticatedUser): Promise<TotpSetupResponse> {
    return this.mfa.startTotp(user);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.totpConfirm)
  @HttpCode(200)
  confirmTotp(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: TotpConfirmDto,
  ): Promise<RecoveryCodesResponse> {
    return this.mfa.confirmTotp(user, body.code);
  }

  @Access('admin', 'therapist', 'client')
  @Delete(ApiRoutes.account.totp)
  @HttpCode(204)
  disableTotp(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PasswordConfirmDto,
  ): Promise<void> {
    return this.mfa.disableTotp(user, body.password);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.recoveryCodes)
  @HttpCode(200)
  renewRecoveryCodes(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PasswordConfirmDto,
  ): Promise<RecoveryCodesResponse> {
    return this.mfa.renewRecoveryCodes(user, body.password);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.account.passkeys)
  listPasskeys(@CurrentUser() user: AuthenticatedUser): Promise<PasskeySummary[]> {
    return this.mfa.listPasskeys(user);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.passkeyOptions)
  @HttpCode(200)
  passkeyOptions(@CurrentUser() user: AuthenticatedUser): Promise<WebAuthnJson> {
    return this.mfa.passkeyOptions(user);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.passkeys)
  @HttpCode(201)
  registerPasskey(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: PasskeyRegisterDto,
  ): Promise<PasskeySummary> {
    return this.mfa.registerPasskey(user, body.name, body.credential);
  }

  @Access('admin', 'therapist', 'client')
  @Delete(ApiRoutes.account.passkey)
  @HttpCode(204)
  removePasskey(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: PasswordConfirmDto,
  ): Promise<void> {
    return this.mfa.removePasskey(user, id, body.password);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.account.sessions)
  listSessions(@CurrentUser() user: AuthenticatedUser): Promise<AccountSession[]> {
    return this.sessions.list(user);
  }

  @Access('admin', 'therapist', 'client')
  @Post(ApiRoutes.account.otherSessions)
  @HttpCode(200)
  async signOutOthers(@CurrentUser() user: AuthenticatedUser): Promise<{ ended: number }> {
    return { ended: await this.sessions.signOutOthers(user) };
  }

  @Access('admin', 'therapist', 'client')
  @Delete(ApiRoutes.account.session)
  @HttpCode(204)
  signOutSession(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<void> {
    return this.sessions.signOut(user, id);
  }

  @Access('admin')
  @Get(ApiRoutes.staffSecurity.list)
  staffSecurityView(@CurrentUser() user: AuthenticatedUser): Promise<StaffSecurityView> {
    return this.staffSecurity.view(user);
  }

  @Access('admin')
  @Put(ApiRoutes.mfaPolicy)
  setMfaPolicy(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: MfaPolicyDto,
  ): Promise<MfaPolicy> {
    return this.staffSecurity.setPolicy(user, body);
  }

  @Access('admin')
  @Post(ApiRoutes.staffSecurity.resetMfa)
  @HttpCode(204)
  resetMfa(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: PasswordConfirmDto,
  ): Promise<void> {
    return this.staffSecurity.resetMfa(user, id, body.password);
  }
}
