import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  RETENTION_YEARS,
  type RetentionPolicy,
  type RetentionQuery,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RetentionQueryDto implements RetentionQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize = DEFAULT_PAGE_SIZE;
}

const YEARS_MESSAGE =
  `retentionYears must be a whole number of years from ${RETENTION_YEARS.min} ` +
  `(HIPAA's period for required documentation) to ${RETENTION_YEARS.max}`;

export class RetentionPolicyDto implements RetentionPolicy {
  @ApiProperty({
    minimum: RETENTION_YEARS.min,
    maximum: RETENTION_YEARS.max,
    example: RETENTION_YEARS.default,
  })
  @IsInt({ message: YEARS_MESSAGE })
  @Min(RETENTION_YEARS.min, { message: YEARS_MESSAGE })
  @Max(RETENTION_YEARS.max, { message: YEARS_MESSAGE })
  retentionYears!: number;
}
