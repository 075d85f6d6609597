import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  MAX_APPOINTMENT_MINUTES,
  MAX_SERIES_INTERVAL_WEEKS,
  MAX_SERIES_LENGTH,
  MIN_APPOINTMENT_MINUTES,
  SERIES_FREQUENCIES,
  type AppointmentKind,
  type AppointmentListQuery,
  type AppointmentStatus,
  type CancelAppointmentRequest,
  type CreateAppointmentRequest,
  type Prospect,
  type SeriesFrequency,
  type SeriesRequest,
  type SlotQuery,
  type UpdateAppointmentRequest,
  type UpdateFollowingRequest,
} from '@cairn/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsInstant,
  NotNullIfPresent,
  OptionalPhone,
  OptionalText,
  RequiredText,
} from '../../http/field-decorators';

export class ProspectDto implements Prospect {
  @ApiProperty({ example: 'Alex Morgan' })
  @RequiredText(200)
  name!: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalPhone()
  phone!: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'short and non-clinical' })
  @OptionalText(300)
  reason!: string | null;
}

export class SeriesDto implements SeriesRequest {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SERIES_INTERVAL_WEEKS,
    description: 'weeks between appointments (default 1, or as frequency says)',
  })
  @IsOptional()
  @IsInt({ message: 'intervalWeeks must be a whole number' })
  @Min(1, { message: 'intervalWeeks must be at least 1' })
  @Max(MAX_SERIES_INTERVAL_WEEKS, {
    message: `intervalWeeks must be at most ${MAX_SERIES_INTERVAL_WEEKS}`,
  })
  intervalWeeks?: number;

  @ApiPropertyOptional({ enum: SERIES_FREQUENCIES, description: 'older spelling of intervalWeeks' })
  @IsOptional()
  @IsIn(SERIES_FREQUENCIES, {
    message: `frequency must be one of ${SERIES_FREQUENCIES.join(', ')}`,
  })
  frequency?: SeriesFrequency;

  @ApiPropertyOptional({ minimum: 2, maximum: MAX_SERIES_LENGTH, description: 'or until' })
  @IsOptional()
  @IsInt({ message: 'count must be a whole number' })
  @Min(2, { message: 'count must be at least 2 (one appointment needs no series)' })
  @Max(MAX_SERIES_LENGTH, { message: `count must be at most ${MAX_SERIES_LENGTH}` })
  count?: number;

  @ApiPropertyOptional({ example: '2026-12-15', description: "or count; in the clinic's zone" })
  @IsOptional()
  @IsCalendarDate()
  until?: string;
}

export class CreateAppointmentDto implements CreateAppointmentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId!: string;

  @ApiProperty({ enum: APPOINTMENT_KINDS })
  @IsIn(APPOINTMENT_KINDS, { message: `kind must be one of ${APPOINTMENT_KINDS.join(', ')}` })
  kind!: AppointmentKind;

  @ApiProperty({ example: '2026-11-24T10:00:00-06:00' })
  @IsInstant()
  start!: string;

  @ApiProperty({ example: '2026-11-24T10:50:00-06:00' })
  @IsInstant()
  end!: string;

  @ApiPropertyOptional({ nullable: true, description: 'a room or a telehealth link' })
  @OptionalText(300)
  location?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'clientIds must name at least one client' })
  @ArrayMaxSize(2, { message: 'clientIds names at most two clients (a couple)' })
  @IsUUID('all', { each: true, message: 'clientIds must be UUIDs' })
  clientIds?: string[];

  @ApiPropertyOptional({ type: ProspectDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProspectDto)
  prospect?: ProspectDto | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(300)
  overrideReason?: string | null;

  @ApiPropertyOptional({ type: SeriesDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeriesDto)
  series?: SeriesDto | null;
}

export class UpdateAppointmentDto implements UpdateAppointmentRequest {
  @ApiPropertyOptional()
  @NotNullIfPresent()
  @IsInstant()
  start?: string;

  @ApiPropertyOptional()
  @NotNullIfPresent()
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(300)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(300)
  overrideReason?: string | null;
}

export class UpdateFollowingDto implements UpdateFollowingRequest {
  @ApiPropertyOptional({
    description: "this appointment's new start; the following keep its wall-clock time",
  })
  @NotNullIfPresent()
  @IsInstant()
  start?: string;

  @ApiPropertyOptional()
  @NotNullIfPresent()
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SERIES_INTERVAL_WEEKS })
  @NotNullIfPresent()
  @IsInt({ message: 'intervalWeeks must be a whole number' })
  @Min(1, { message: 'intervalWeeks must be at least 1' })
  @Max(MAX_SERIES_INTERVAL_WEEKS, {
    message: `intervalWeeks must be at most ${MAX_SERIES_INTERVAL_WEEKS}`,
  })
  intervalWeeks?: number;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(300)
  location?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(300)
  overrideReason?: string | null;
}

export class CancelAppointmentDto implements CancelAppointmentRequest {
  @ApiProperty({ example: 'Client unwell' })
  @RequiredText(300)
  reason!: string;
}

export class ListAppointmentsQueryDto implements AppointmentListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'default: now' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'default: two weeks after from; at most 93 days after it' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES, {
    message: `status must be one of ${APPOINTMENT_STATUSES.join(', ')}`,
  })
  status?: AppointmentStatus;
}

export class SlotQueryDto implements SlotQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId!: string;

  @ApiProperty()
  @IsInstant()
  from!: string;

  @ApiProperty({ description: 'at most 31 days after from' })
  @IsInstant()
  to!: string;

  @ApiProperty({ minimum: MIN_APPOINTMENT_MINUTES, maximum: MAX_APPOINTMENT_MINUTES })
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @Type(() => Number)
  @IsInt({ message: 'duration must be a whole number of minutes' })
  @Min(MIN_APPOINTMENT_MINUTES, {
    message: `duration must be at least ${MIN_APPOINTMENT_MINUTES} minutes`,
  })
  @Max(MAX_APPOINTMENT_MINUTES, {
    message: `duration must be at most ${MAX_APPOINTMENT_MINUTES} minutes`,
  })
  duration!: number;
}
