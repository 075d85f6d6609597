import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TIMELINE_EVENT_KINDS,
  TREATMENT_PHASES,
  type AssignTherapistRequest,
  type LinkPartnerRequest,
  type TimelineEventKind,
  type TimelineEventRequest,
  type TreatmentPhase,
  type TreatmentPhaseRequest,
} from '@cairn/contracts';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsCalendarDate, OptionalText } from '../../http/field-decorators';

export class AssignTherapistDto implements AssignTherapistRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'therapistId must be a UUID' })
  therapistId!: string;
}

export class LinkPartnerDto implements LinkPartnerRequest {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null unlinks the couple' })
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsUUID('all', { message: 'partnerId must be a UUID, or null to unlink' })
  partnerId!: string | null;
}

export class TimelineEventDto implements TimelineEventRequest {
  @ApiProperty({ enum: TIMELINE_EVENT_KINDS })
  @IsIn(TIMELINE_EVENT_KINDS, { message: `kind must be one of ${TIMELINE_EVENT_KINDS.join(', ')}` })
  kind!: TimelineEventKind;

  @ApiPropertyOptional({ nullable: true, description: 'required when kind is other' })
  @OptionalText(120)
  label?: string | null;

  @ApiProperty({ example: '2026-08-14' })
  @IsCalendarDate({ notInFuture: true })
  occurredOn!: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(2000)
  note?: string | null;
}

export class UpdateTimelineEventDto implements Partial<TimelineEventRequest> {
  @ApiPropertyOptional({ enum: TIMELINE_EVENT_KINDS })
  @IsOptional()
  @IsIn(TIMELINE_EVENT_KINDS, { message: `kind must be one of ${TIMELINE_EVENT_KINDS.join(', ')}` })
  kind?: TimelineEventKind;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(120)
  label?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  occurredOn?: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(2000)
  note?: string | null;
}

export class TreatmentPhaseDto implements TreatmentPhaseRequest {
  @ApiProperty({ enum: TREATMENT_PHASES })
  @IsIn(TREATMENT_PHASES, { message: `phase must be one of ${TREATMENT_PHASES.join(', ')}` })
  phase!: TreatmentPhase;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate({ notInFuture: true })
  startedOn!: string;
}
