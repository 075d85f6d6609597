import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { InvitesModule } from '../invites/invites.module';
import { UsersModule } from '../users/users.module';
import { AccessModule } from '../access/access.module';
import { CryptoModule } from '../crypto/crypto.module';
import { AccountController } from './account.controller';
import { AccountSessionsService } from './account-sessions.service';
import { AuthController } from './auth.controller';
import { AccountMfaService } from './mfa/account-mfa.service';
import { MfaChallengesService } from './mfa/mfa-challenges.service';
import { MfaController } from './mfa/mfa.controller';
import { MfaPolicyService } from './mfa/mfa-policy.service';
import { MfaSignInService } from './mfa/mfa-sign-in.service';
import { RecoveryCodesService } from './mfa/recovery-codes.service';
import { StaffSecurityService } from './mfa/staff-security.service';
import { PasskeysService } from './mfa/passkeys.service';
import { TotpService } from './mfa/totp.service';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordConfirmationService } from './password-confirmation.service';
import { PasswordHasher } from './password-hasher';
import { RequestRateLimitService } from './request-rate-limit.service';
import { SessionsService } from './sessions.service';
import { SignInRateLimitGuard } from './guards/sign-in-rate-limit.guard';
import { JWT_AUDIENCE, JWT_ISSUER, JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';

@Module({
  imports: [
    PassportModule,
    UsersModule,
    InvitesModule,
    AccessModule,
    CryptoModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.accessTokenTtlSeconds,
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        },
        verifyOptions: { algorithms: ['HS256'], issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
      }),
    }),
  ],
  controllers: [AuthController, MfaController, AccountController],
  providers: [
    AuthService,
    SessionsService,
    LoginThrottleService,
    RequestRateLimitService,
    SignInRateLimitGuard,
    PasswordHasher,
    PasswordConfirmationService,
    LocalStrategy,
    TotpService,
    PasskeysService,
    RecoveryCodesService,
    MfaChallengesService,
    MfaPolicyService,
    MfaSignInService,
    AccountMfaService,
    AccountSessionsService,
    StaffSecurityService,
    JwtStrategy,
  ],
  exports: [
    PasswordHasher,
    PasswordConfirmationService,
    SessionsService,
    RequestRateLimitService,
    SignInRateLimitGuard,
  ],
})
export class AuthModule {}
