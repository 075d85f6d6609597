import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NARRATIVE_MAX_CHARS,
  REPORT_COPIES,
  type ReportCopy,
  type CreateReportRequest,
  type ProgressReportNarrative,
  type UpdateReportRequest,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../http/field-decorators';

export class CreateReportDto implements CreateReportRequest {
  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  to!: string;
}

/** A narrative section: optional text (the draft grows over several sittings), size-limited. */
function NarrativeText(name: string) {
  return applyDecorators(
    IsOptional(),
    IsString({ message: `${name} must be text` }),
    MaxLength(NARRATIVE_MAX_CHARS, {
      message: `${name} must be at most ${NARRATIVE_MAX_CHARS} characters`,
    }),
  );
}

export class NarrativeDto implements Partial<ProgressReportNarrative> {
  @ApiPropertyOptional()
  @NarrativeText('summary')
  summary?: string;

  @ApiPropertyOptional()
  @NarrativeText('goalsAndProgress')
  goalsAndProgress?: string;

  @ApiPropertyOptional()
  @NarrativeText('plan')
  plan?: string;

  @ApiPropertyOptional()
  @NarrativeText('recommendations')
  recommendations?: string;
}

export class UpdateReportDto implements UpdateReportRequest {
  @ApiProperty({ description: 'the version this edit was based on' })
  @IsInt({ message: 'version must be the version number last seen' })
  @Min(1, { message: 'version must be at least 1' })
  version!: number;

  @ApiPropertyOptional({ type: NarrativeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => NarrativeDto)
  narrative?: NarrativeDto;

  @ApiPropertyOptional({ description: 'a final report only' })
  @IsOptional()
  @IsBoolean({ message: 'sharedWithClient must be true or false' })
  sharedWithClient?: boolean;
}

export class ReportCopyDto {
  @ApiPropertyOptional({
    enum: REPORT_COPIES,
    description:
      'file: everything, for the clinical record; release: for the client or a referrer, without the partner’s data or the risk section',
  })
  @IsOptional()
  @IsIn(REPORT_COPIES, { message: `copy must be one of ${REPORT_COPIES.join(', ')}` })
  copy?: ReportCopy;
}
