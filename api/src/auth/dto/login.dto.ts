import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@cairn/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'therapist@demo.clinic' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'cairn-demo-2026' })
  @IsString()
  @MinLength(1, { message: 'password is required' })
  @MaxLength(128)
  password!: string;
}
