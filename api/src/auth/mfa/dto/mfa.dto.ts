import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  type MfaEnrolConfirmRequest,
  type MfaEnrolStartRequest,
  type MfaPasskeyRequest,
  type MfaPolicy,
  type PasskeyOptionsRequest,
  type PasskeyRegisterRequest,
  type WebAuthnJson,
  type MfaVerifyRequest,
  type PasswordConfirmRequest,
  type TotpConfirmRequest,
} from '@cairn/contracts';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

const CHALLENGE = /^[A-Za-z0-9_-]{20,100}$/;
const TOTP_CODE = /^\s*\d{3}\s?\d{3}\s*$/;
const RECOVERY_CODE = /^[A-Za-z0-9 -]{10,16}$/;

export class MfaVerifyDto implements MfaVerifyRequest {
  @ApiProperty({ description: 'the challenge token the password step answered with' })
  @IsString()
  @Matches(CHALLENGE, { message: 'challengeToken is not a challenge token' })
  challengeToken!: string;

  @ApiPropertyOptional({ description: 'six digits from the authenticator app' })
  @IsOptional()
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be six digits' })
  code?: string;

  @ApiPropertyOptional({ description: 'one of the recovery codes, instead of code' })
  @IsOptional()
  @IsString()
  @Matches(RECOVERY_CODE, { message: 'recoveryCode is not a recovery code' })
  recoveryCode?: string;
}

export class MfaEnrolStartDto implements MfaEnrolStartRequest {
  @ApiProperty()
  @IsString()
  @Matches(CHALLENGE, { message: 'challengeToken is not a challenge token' })
  challengeToken!: string;
}

export class MfaEnrolConfirmDto implements MfaEnrolConfirmRequest {
  @ApiProperty()
  @IsString()
  @Matches(CHALLENGE, { message: 'challengeToken is not a challenge token' })
  challengeToken!: string;

  @ApiProperty({ description: 'six digits from the authenticator app' })
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be six digits' })
  code!: string;
}

export class TotpConfirmDto implements TotpConfirmRequest {
  @ApiProperty({ description: 'six digits from the authenticator app' })
  @IsString()
  @Matches(TOTP_CODE, { message: 'code must be six digits' })
  code!: string;
}

export class PasswordConfirmDto implements PasswordConfirmRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class MfaPolicyDto implements MfaPolicy {
  @ApiProperty()
  @IsBoolean({ message: 'requiredForStaff must be true or false' })
  requiredForStaff!: boolean;
}

export class PasskeyOptionsDto implements PasskeyOptionsRequest {
  @ApiProperty()
  @IsString()
  @Matches(CHALLENGE, { message: 'challengeToken is not a challenge token' })
  challengeToken!: string;
}

export class MfaPasskeyDto implements MfaPasskeyRequest {
  @ApiProperty()
  @IsString()
  @Matches(CHALLENGE, { message: 'challengeToken is not a challenge token' })
  challengeToken!: string;

  @ApiProperty({ description: 'the WebAuthn assertion (AuthenticationResponseJSON)' })
  @IsObject({ message: 'credential must be a WebAuthn response' })
  credential!: WebAuthnJson;
}

export class PasskeyRegisterDto implements PasskeyRegisterRequest {
  @ApiProperty({ description: 'a name to tell this passkey apart, e.g. "Work laptop"' })
  @IsString()
  @MinLength(1, { message: 'name is required' })
  @MaxLength(60, { message: 'name must be at most 60 characters' })
  name!: string;

  @ApiProperty({ description: 'the WebAuthn attestation (RegistrationResponseJSON)' })
  @IsObject({ message: 'credential must be a WebAuthn response' })
  credential!: WebAuthnJson;
}
