import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONJOINT_DECISIONS,
  SAFETY_SCREEN_MODES,
  type ConjointDecision,
  type CreateSafetyScreenRequest,
  type RecordConjointDecisionRequest,
  type SafetyScreenMode,
  type SaveSafetyAnswersRequest,
} from '@cairn/contracts';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { IsCalendarDate, OptionalText } from '../../http/field-decorators';

export class CreateSafetyScreenDto implements CreateSafetyScreenRequest {
  @ApiProperty({ enum: SAFETY_SCREEN_MODES })
  @IsIn(SAFETY_SCREEN_MODES, {
    message: `mode must be one of ${SAFETY_SCREEN_MODES.join(', ')}`,
  })
  mode!: SafetyScreenMode;

  @ApiPropertyOptional({ example: '2026-12-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string | null;
}

export class SaveSafetyAnswersDto implements SaveSafetyAnswersRequest {
  @ApiProperty({
    description: 'changed answers only; null clears one',
    example: { physical: 'no', fear: 'unsure' },
  })
  @IsObject({ message: 'answers must be an object of question ids to answers' })
  answers!: Record<string, string | null>;
}

export class RecordConjointDecisionDto implements RecordConjointDecisionRequest {
  @ApiProperty({ enum: CONJOINT_DECISIONS })
  @IsIn(CONJOINT_DECISIONS, {
    message: `decision must be one of ${CONJOINT_DECISIONS.join(', ')}`,
  })
  decision!: ConjointDecision;

  @ApiPropertyOptional({ nullable: true, description: 'what was discussed and why' })
  @OptionalText(4000)
  note?: string | null;
}
