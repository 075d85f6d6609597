import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PLANNED_MESSAGE_KINDS,
  PLANNED_MESSAGE_STATUSES,
  type PlannedMessageKind,
  type PlannedMessageQuery,
  type PlannedMessageStatus,
  type ReminderConsent,
} from '@cairn/contracts';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

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
