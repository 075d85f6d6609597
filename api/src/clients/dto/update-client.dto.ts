import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateClientRequest } from '@cairn/contracts';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { NotNullIfPresent, RequiredText } from '../../http/field-decorators';
import { ClientDemographicFieldsDto } from './client-fields.dto';
import { ClientIntakeDto } from './client-intake.dto';

/** A partial update: demographics (admin or treating therapist), intake (treating therapist only). */
export class UpdateClientDto extends ClientDemographicFieldsDto implements UpdateClientRequest {
  @ApiPropertyOptional()
  @NotNullIfPresent()
  @RequiredText(200)
  legalName?: string;

  @ApiPropertyOptional({ type: ClientIntakeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientIntakeDto)
  intake?: ClientIntakeDto;
}
