import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLINIC_SETTINGS_MAX,
  IDLE_TIMEOUT_MINUTES,
  isTimeZone,
  PAPER_SIZES,
  type PaperSize,
  type UpdateClinicSettingsRequest,
} from '@cairn/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { OptionalPhone, OptionalText, RequiredText } from '../../http/field-decorators';
import { trimInvisible } from '../../http/text-rules';

/**
 * A zone of the IANA database as the runtime knows it, spelt as the database spells it:
 * "america/chicago" works in Intl but is refused, so the clinic's zone reads the same everywhere.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (!isTimeZone(value) || !/^[A-Za-z]/.test(value)) return false;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  return resolved === value || resolved.toLowerCase() !== value.toLowerCase();
}

const IDLE_MESSAGE =
  `idleTimeoutMinutes must be a whole number of minutes from ${IDLE_TIMEOUT_MINUTES.min} ` +
  `to ${IDLE_TIMEOUT_MINUTES.max} (the server ends an unused session after 30 minutes)`;

export class UpdateClinicSettingsDto implements UpdateClinicSettingsRequest {
  @ApiProperty({ maxLength: CLINIC_SETTINGS_MAX.name, example: 'Riverside Counselling' })
  @RequiredText(CLINIC_SETTINGS_MAX.name)
  name!: string;

  @ApiPropertyOptional({ nullable: true, maxLength: CLINIC_SETTINGS_MAX.address })
  @OptionalText(CLINIC_SETTINGS_MAX.address)
  address!: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: CLINIC_SETTINGS_MAX.phone })
  @OptionalPhone()
  phone!: string | null;

  @ApiProperty({ example: 'America/Chicago' })
  @ValidateBy({
    name: 'isIanaTimeZone',
    validator: {
      validate: isIanaTimeZone,
      defaultMessage: () =>
        'timeZone must be a time zone of the IANA database, e.g. America/Chicago',
    },
  })
  timeZone!: string;

  @ApiProperty({ enum: PAPER_SIZES })
  @IsIn(PAPER_SIZES, { message: `paperSize must be one of ${PAPER_SIZES.join(', ')}` })
  paperSize!: PaperSize;

  @ApiProperty({
    maxLength: CLINIC_SETTINGS_MAX.crisisResources,
    description: 'One resource per paragraph; may be empty (clients then see a neutral text).',
  })
  // Only the ends are trimmed: the blank lines between resources are the format.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? trimInvisible(value) : value,
  )
  @IsString({ message: 'crisisResources must be text (it may be empty)' })
  @MaxLength(CLINIC_SETTINGS_MAX.crisisResources, {
    message: `crisisResources must be at most ${CLINIC_SETTINGS_MAX.crisisResources} characters`,
  })
  crisisResources!: string;

  @ApiProperty({ maxLength: CLINIC_SETTINGS_MAX.senderName, example: 'Riverside Counselling' })
  @RequiredText(CLINIC_SETTINGS_MAX.senderName)
  senderName!: string;

  @ApiProperty({ minimum: IDLE_TIMEOUT_MINUTES.min, maximum: IDLE_TIMEOUT_MINUTES.max })
  @IsInt({ message: IDLE_MESSAGE })
  @Min(IDLE_TIMEOUT_MINUTES.min, { message: IDLE_MESSAGE })
  @Max(IDLE_TIMEOUT_MINUTES.max, { message: IDLE_MESSAGE })
  idleTimeoutMinutes!: number;
}
