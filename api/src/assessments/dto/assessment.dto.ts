import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ASSESSMENT_MODES,
  type AcknowledgeRiskRequest,
  type AnswerValue,
  type AssessmentMode,
  type CreateAssessmentRequest,
  type CreateScheduleRequest,
  type IndexEvent,
  type SaveAnswersRequest,
  type ShareResultRequest,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, OptionalText, RequiredText } from '../../http/field-decorators';

export class IndexEventDto implements IndexEvent {
  @ApiProperty({ example: "Discovering my partner's affair" })
  @RequiredText(200)
  description!: string;

  @ApiPropertyOptional({ example: '2026-08-14', nullable: true })
  @IsOptional()
  @IsCalendarDate({ notInFuture: true })
  occurredOn!: string | null;
}

export class CreateAssessmentDto implements CreateAssessmentRequest {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Z0-9-]{2,16}$/, {
    message: 'instrumentCode must be an instrument code such as PHQ-9',
  })
  instrumentCode!: string;

  @ApiProperty({ enum: ASSESSMENT_MODES })
  @IsIn(ASSESSMENT_MODES, { message: `mode must be one of ${ASSESSMENT_MODES.join(', ')}` })
  mode!: AssessmentMode;

  @ApiPropertyOptional({
    nullable: true,
    description: 'for portal administrations; defaults to a week from today',
  })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string | null;

  @ApiPropertyOptional({ type: IndexEventDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndexEventDto)
  indexEvent?: IndexEventDto | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'replacesId must be a UUID' })
  replacesId?: string | null;
}

export class SaveAnswersDto implements SaveAnswersRequest {
  @ApiProperty({
    description: 'item id → answer; null clears the answer',
    example: { 'phq9-1': 2 },
  })
  @IsObject({ message: 'answers must be an object of item ids to answers' })
  answers!: Record<string, AnswerValue | null>;

  @ApiPropertyOptional({ type: IndexEventDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => IndexEventDto)
  indexEvent?: IndexEventDto | null;
}

export class AcknowledgeRiskDto implements AcknowledgeRiskRequest {
  @ApiPropertyOptional({ nullable: true, example: 'Called the client; safety plan reviewed.' })
  @OptionalText(2000)
  note?: string | null;
}

export class ShareResultDto implements ShareResultRequest {
  @ApiProperty()
  @IsBoolean({ message: 'shared must be true or false' })
  shared!: boolean;
}

export class CreateScheduleDto implements CreateScheduleRequest {
  @ApiProperty({ example: 'PHQ-9' })
  @IsString()
  @Matches(/^[A-Z0-9-]{2,16}$/, {
    message: 'instrumentCode must be an instrument code such as PHQ-9',
  })
  instrumentCode!: string;

  @ApiProperty({ minimum: 1, maximum: 26 })
  @IsInt({ message: 'everyWeeks must be a whole number' })
  @Min(1)
  @Max(26)
  everyWeeks!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 52, nullable: true })
  @IsOptional()
  @IsInt({ message: 'maxSends must be a whole number' })
  @Min(1)
  @Max(52)
  maxSends?: number | null;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  startOn!: string;
}
