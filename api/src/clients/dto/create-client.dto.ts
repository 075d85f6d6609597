import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateClientRequest } from '@cairn/contracts';
import { IsOptional, IsUUID } from 'class-validator';
import { RequiredText } from '../../http/field-decorators';
import { ClientDemographicFieldsDto } from './client-fields.dto';

export class CreateClientDto extends ClientDemographicFieldsDto implements CreateClientRequest {
  @ApiProperty({ example: "Siobhán O'Brien" })
  @RequiredText(200)
  legalName!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'primaryTherapistId must be a UUID' })
  primaryTherapistId?: string | null;
}
