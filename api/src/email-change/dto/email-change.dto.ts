import { ApiProperty } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  type EmailChangeConfirmRequest,
  type EmailChangeRequest,
} from '@cairn/contracts';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class EmailChangeDto implements EmailChangeRequest {
  @ApiProperty({ description: 'the current password, again' })
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: 'new.address@example.org' })
  @IsEmail({}, { message: 'newEmail must be an email address' })
  @MaxLength(254)
  newEmail!: string;
}

export class EmailChangeConfirmDto implements EmailChangeConfirmRequest {
  @ApiProperty({ description: 'the secret from the /email-change#token= link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a confirmation token' })
  token!: string;
}
