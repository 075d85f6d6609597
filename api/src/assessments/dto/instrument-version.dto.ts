import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class InstrumentVersionQueryDto {
  @ApiPropertyOptional({ example: '1', description: 'an earlier version; the current by default' })
  @IsOptional()
  @Matches(/^[0-9]{1,4}$/, { message: 'version must be a version number such as 1' })
  version?: string;
}
