import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLIENT_STATUSES, type ClientStatus, type EmergencyContact } from '@cairn/contracts';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  IsCalendarDate,
  NotNullIfPresent,
  OptionalPhone,
  OptionalText,
  RequiredText,
} from '../../http/field-decorators';

export class EmergencyContactDto implements EmergencyContact {
  @ApiProperty()
  @RequiredText(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(80)
  relationship!: string | null;

  @ApiProperty()
  @RequiredText(40)
  phone!: string;
}

/** The demographic fields of a client file, shared by create and update (all optional here). */
export class ClientDemographicFieldsDto {
  @ApiPropertyOptional({ nullable: true })
  @OptionalText(100)
  preferredName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'she/her' })
  @OptionalText(40)
  pronouns?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '1988-04-12' })
  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalPhone()
  phone?: string | null;

  @ApiPropertyOptional({ type: EmergencyContactDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmergencyContactDto)
  emergencyContact?: EmergencyContactDto | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(200)
  referralSource?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsCalendarDate()
  intakeDate?: string | null;

  @ApiPropertyOptional({ enum: CLIENT_STATUSES })
  @NotNullIfPresent()
  @IsIn(CLIENT_STATUSES, { message: `status must be one of ${CLIENT_STATUSES.join(', ')}` })
  status?: ClientStatus;
}
