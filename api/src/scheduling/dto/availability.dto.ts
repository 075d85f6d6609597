import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AVAILABILITY_EXCEPTION_KINDS,
  type AvailabilityException,
  type AvailabilityExceptionKind,
  type PutAvailabilityRequest,
  type WeeklyHours,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, OptionalText } from '../../http/field-decorators';
import { IsClockTime } from './scheduling-fields';

export class WeeklyHoursDto implements WeeklyHours {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' })
  @IsInt({ message: 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { message: 'weekday must be from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'weekday must be from 1 (Monday) to 7 (Sunday)' })
  weekday!: number;

  @ApiProperty({ example: '09:00' })
  @IsClockTime()
  start!: string;

  @ApiProperty({ example: '17:00' })
  @IsClockTime()
  end!: string;
}

export class AvailabilityExceptionDto implements AvailabilityException {
  @ApiProperty({ example: '2026-12-24' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ enum: AVAILABILITY_EXCEPTION_KINDS })
  @IsIn(AVAILABILITY_EXCEPTION_KINDS, {
    message: `kind must be one of ${AVAILABILITY_EXCEPTION_KINDS.join(', ')}`,
  })
  kind!: AvailabilityExceptionKind;

  @ApiPropertyOptional({ nullable: true, example: '13:00' })
  @IsOptional()
  @IsClockTime()
  start!: string | null;

  @ApiPropertyOptional({ nullable: true, example: '17:00' })
  @IsOptional()
  @IsClockTime()
  end!: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(200)
  note!: string | null;
}

export class PutAvailabilityDto implements PutAvailabilityRequest {
  @ApiProperty({ example: 'America/Chicago' })
  @IsString()
  @MaxLength(64)
  timeZone!: string;

  @ApiProperty({ type: [WeeklyHoursDto] })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => WeeklyHoursDto)
  weekly!: WeeklyHoursDto[];

  @ApiProperty({ type: [AvailabilityExceptionDto] })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityExceptionDto)
  exceptions!: AvailabilityExceptionDto[];
}
