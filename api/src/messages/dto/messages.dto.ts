import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PLANNED_MESSAGE_KINDS,
  PLANNED_MESSAGE_STATUSES,
  type PlannedMessageKind,
  type PlannedMessageQuery,
  type PlannedMessageStatus,
  type ReminderConsent,
  type MessageSettings,
  type MyMessagePreferences,
  type HomeworkNudgeConsent,
} from '@cairn/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
} from 'class-validator';

export class PlannedMessageQueryDto implements PlannedMessageQuery {
  @ApiPropertyOptional({ enum: PLANNED_MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(PLANNED_MESSAGE_STATUSES, {
    message: `status must be one of ${PLANNED_MESSAGE_STATUSES.join(', ')}`,
  })
  status?: PlannedMessageStatus;

  @ApiPropertyOptional({ enum: PLANNED_MESSAGE_KINDS })
  @IsOptional()
  @IsIn(PLANNED_MESSAGE_KINDS, {
    message: `kind must be one of ${PLANNED_MESSAGE_KINDS.join(', ')}`,
  })
  kind?: PlannedMessageKind;
}

export class ReminderConsentDto implements ReminderConsent {
  @ApiProperty({ description: 'Whether the client wants reminders and portal notices by email.' })
  @IsBoolean({ message: 'consent must be true or false' })
  consent!: boolean;
}

export class HomeworkNudgeConsentDto implements HomeworkNudgeConsent {
  @ApiProperty({ description: 'Whether the client wants at most one homework nudge a day.' })
  @IsBoolean({ message: 'consent must be true or false' })
  consent!: boolean;
}

export class MyMessagePreferencesDto implements MyMessagePreferences {
  @ApiProperty({ description: 'Whether this staff member gets the daily digest of counts.' })
  @IsBoolean({ message: 'dailyDigest must be true or false' })
  dailyDigest!: boolean;
}

export class MessageSettingsDto implements MessageSettings {
  @ApiProperty({ type: [Number], example: [48, 2] })
  @ArrayMinSize(1, { message: 'reminderLeadHours must list at least one lead time' })
  @ArrayMaxSize(3, { message: 'reminderLeadHours may list at most three lead times' })
  @ArrayUnique({ message: 'reminderLeadHours must not repeat a lead time' })
  @IsInt({ each: true, message: 'reminderLeadHours must be whole hours' })
  @Min(1, { each: true, message: 'reminderLeadHours must be at least 1 hour' })
  @Max(336, { each: true, message: 'reminderLeadHours must be at most 336 hours (two weeks)' })
  reminderLeadHours!: number[];

  @ApiProperty({ minimum: 0, maximum: 23, example: 21 })
  @IsInt({ message: 'quietHoursStart must be a whole hour' })
  @Min(0, { message: 'quietHoursStart must be 0 to 23' })
  @Max(23, { message: 'quietHoursStart must be 0 to 23' })
  quietHoursStart!: number;

  @ApiProperty({ minimum: 0, maximum: 23, example: 8 })
  @IsInt({ message: 'quietHoursEnd must be a whole hour' })
  @Min(0, { message: 'quietHoursEnd must be 0 to 23' })
  @Max(23, { message: 'quietHoursEnd must be 0 to 23' })
  quietHoursEnd!: number;

  @ApiProperty({ minimum: 0, maximum: 60, example: 5 })
  @IsInt({ message: 'holdMinutes must be whole minutes' })
  @Min(0, { message: 'holdMinutes must be 0 to 60' })
  @Max(60, { message: 'holdMinutes must be 0 to 60' })
  holdMinutes!: number;

  @ApiProperty({ minimum: 1, maximum: 168, example: 24 })
  @IsInt({ message: 'riskEscalationHours must be whole hours' })
  @Min(1, { message: 'riskEscalationHours must be 1 to 168' })
  @Max(168, { message: 'riskEscalationHours must be 1 to 168' })
  riskEscalationHours!: number;
}
