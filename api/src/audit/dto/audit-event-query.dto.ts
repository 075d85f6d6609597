import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  type AuditCategory,
  type AuditEventQuery,
  type AuditOutcome,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export const AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 200;

export class AuditEventQueryDto implements AuditEventQuery {
  @ApiPropertyOptional({ default: AUDIT_PAGE_SIZE, minimum: 1, maximum: MAX_AUDIT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE_SIZE)
  pageSize = AUDIT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'The `nextBefore` of the previous page.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{10,200}$/, { message: 'before must be the nextBefore of a page' })
  before?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events by this person.' })
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events concerning this client file.' })
  @IsOptional()
  @IsUUID('all', { message: 'clientId must be a UUID' })
  clientId?: string;

  @ApiPropertyOptional({ enum: Object.keys(AUDIT_CATEGORIES) })
  @IsOptional()
  @IsIn(Object.keys(AUDIT_CATEGORIES), {
    message: `category must be one of ${Object.keys(AUDIT_CATEGORIES).join(', ')}`,
  })
  category?: AuditCategory;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES, { message: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` })
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date', description: 'First clinic day, inclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last clinic day, inclusive.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}
