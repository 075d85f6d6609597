import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLIENT_IMPORT_FIELDS,
  CLIENT_IMPORT_PRESETS,
  type ClientImportMapping,
  type ClientImportPreset,
  type ClientImportRequest,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalText } from '../../http/field-decorators';

/** Which CSV header fills each Cairn field; every field optional. */
export class ClientImportMappingDto implements ClientImportMapping {
  @ApiPropertyOptional({ example: 'Full Name' }) @OptionalText(200) legalName?: string;
  @ApiPropertyOptional({ example: 'First Name' }) @OptionalText(200) firstName?: string;
  @ApiPropertyOptional({ example: 'Last Name' }) @OptionalText(200) lastName?: string;
  @ApiPropertyOptional() @OptionalText(200) preferredName?: string;
  @ApiPropertyOptional() @OptionalText(200) pronouns?: string;
  @ApiPropertyOptional({ example: 'Date of Birth' }) @OptionalText(200) dateOfBirth?: string;
  @ApiPropertyOptional() @OptionalText(200) email?: string;
  @ApiPropertyOptional() @OptionalText(200) phone?: string;
  @ApiPropertyOptional() @OptionalText(200) status?: string;
  @ApiPropertyOptional({ example: 'Clinician' }) @OptionalText(200) primaryTherapist?: string;
  @ApiPropertyOptional() @OptionalText(200) referralSource?: string;
  @ApiPropertyOptional() @OptionalText(200) intakeDate?: string;
}

export class ClientImportDto implements ClientImportRequest {
  @ApiProperty({ description: 'The CSV file (UTF-8), base64-encoded; at most 10 MB decoded' })
  @IsString({ message: 'fileBase64 must be the file encoded as base64' })
  @MaxLength(15_000_000, { message: 'fileBase64 is larger than a 10 MB file' })
  fileBase64!: string;

  @ApiPropertyOptional({ enum: CLIENT_IMPORT_PRESETS })
  @IsOptional()
  @IsIn(CLIENT_IMPORT_PRESETS, {
    message: `preset must be one of ${CLIENT_IMPORT_PRESETS.join(', ')}`,
  })
  preset?: ClientImportPreset;

  @ApiPropertyOptional({
    type: ClientImportMappingDto,
    description: `Cairn field (${CLIENT_IMPORT_FIELDS.join(', ')}) → CSV header`,
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientImportMappingDto)
  mapping?: ClientImportMappingDto;
}
