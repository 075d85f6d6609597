import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HOMEWORK_FREQUENCIES,
  HOMEWORK_KINDS,
  type CheckInAnswers,
  type CreateHomeworkAssignmentRequest,
  type CreateHomeworkEntryRequest,
  type CreateHomeworkTemplateRequest,
  type HomeworkFrequency,
  type HomeworkKind,
  type UpdateHomeworkAssignmentRequest,
  type UpdateHomeworkEntryRequest,
} from '@cairn/contracts';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import {
  IsCalendarDate,
  NotNullIfPresent,
  OptionalText,
  RequiredText,
} from '../../http/field-decorators';

export const INSTRUCTIONS_MAX = 4000;
export const NOTE_MAX = 8000;

export class CreateHomeworkTemplateDto implements CreateHomeworkTemplateRequest {
  @ApiProperty({ example: 'Evening gratitude note' })
  @RequiredText(120)
  title!: string;

  @ApiProperty({ description: 'why the exercise helps, in one or two sentences' })
  @RequiredText(500)
  why!: string;

  @ApiProperty()
  @RequiredText(INSTRUCTIONS_MAX)
  instructions!: string;

  @ApiProperty({ enum: HOMEWORK_KINDS })
  @IsIn(HOMEWORK_KINDS, { message: `kind must be one of ${HOMEWORK_KINDS.join(', ')}` })
  kind!: HomeworkKind;

  @ApiPropertyOptional({ nullable: true, example: 'daily-repair' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'checkInForm must be a check-in code' })
  checkInForm?: string | null;
}

export class CreateHomeworkAssignmentDto implements CreateHomeworkAssignmentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'templateId must be a UUID' })
  templateId!: string;

  @ApiPropertyOptional({ nullable: true, description: "the template's when omitted" })
  @OptionalText(INSTRUCTIONS_MAX)
  instructions?: string | null;

  @ApiProperty({ enum: HOMEWORK_FREQUENCIES })
  @IsIn(HOMEWORK_FREQUENCIES, {
    message: `frequency must be one of ${HOMEWORK_FREQUENCIES.join(', ')}`,
  })
  frequency!: HomeworkFrequency;

  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  startsOn!: string;

  @ApiProperty({ example: '2026-12-20' })
  @IsCalendarDate()
  endsOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'forPartnerToo must be true or false' })
  forPartnerToo?: boolean;
}

export class UpdateHomeworkAssignmentDto implements UpdateHomeworkAssignmentRequest {
  @ApiPropertyOptional()
  @NotNullIfPresent()
  @RequiredText(INSTRUCTIONS_MAX)
  instructions?: string;

  @ApiPropertyOptional({ example: '2026-12-20' })
  @NotNullIfPresent()
  @IsCalendarDate()
  endsOn?: string;

  @ApiPropertyOptional({ enum: [true] })
  @NotNullIfPresent()
  @IsIn([true], { message: 'closed can only be set to true' })
  closed?: true;

  @ApiPropertyOptional({ description: "closing a couple's twin: close the partner's too" })
  @NotNullIfPresent()
  @IsBoolean({ message: 'partnerToo must be true or false' })
  partnerToo?: boolean;
}

export class CreateHomeworkEntryDto implements CreateHomeworkEntryRequest {
  @ApiProperty({ example: '2026-11-23' })
  @IsCalendarDate()
  occursOn!: string;

  @ApiPropertyOptional({ nullable: true })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @ApiPropertyOptional({ nullable: true, example: { feltSafety: 6, promisesKept: 'all' } })
  @IsOptional()
  @IsObject({ message: 'answers must be an object of question ids to answers' })
  answers?: CheckInAnswers | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'private must be true or false' })
  private?: boolean;
}

export class UpdateHomeworkEntryDto implements UpdateHomeworkEntryRequest {
  @ApiPropertyOptional({ nullable: true })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsObject({ message: 'answers must be an object of question ids to answers' })
  answers?: CheckInAnswers | null;

  @ApiPropertyOptional()
  @NotNullIfPresent()
  @IsBoolean({ message: 'private must be true or false' })
  private?: boolean;
}
