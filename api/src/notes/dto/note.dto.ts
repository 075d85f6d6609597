import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ADDENDUM_MAX_CHARS,
  NOTE_TEMPLATE_CODES,
  SERVICE_TYPES,
  type CreateAddendumRequest,
  type CreateNoteRequest,
  type NoteContent,
  type NoteTemplateCode,
  type SaveNoteRequest,
  type ServiceType,
  type SignNoteRequest,
} from '@cairn/contracts';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsInstant, RequiredText } from '../../http/field-decorators';

const contentExample = { subjective: 'Slept better; one spike of alarm after a late text.' };

/** When, how long and what kind of session: shared by creating and saving a note. */
class SessionFieldsDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-20T15:00:00-06:00' })
  @IsInstant()
  sessionAt!: string;

  @ApiProperty({ minimum: 5, maximum: 480, example: 53 })
  @IsInt({ message: 'durationMinutes must be a whole number of minutes' })
  @Min(5, { message: 'durationMinutes must be at least 5' })
  @Max(480, { message: 'durationMinutes must be at most 480' })
  durationMinutes!: number;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES, { message: `serviceType must be one of ${SERVICE_TYPES.join(', ')}` })
  serviceType!: ServiceType;
}

export class CreateNoteDto extends SessionFieldsDto implements CreateNoteRequest {
  @ApiProperty({ enum: NOTE_TEMPLATE_CODES })
  @IsIn(NOTE_TEMPLATE_CODES, {
    message: `templateCode must be one of ${NOTE_TEMPLATE_CODES.join(', ')}`,
  })
  templateCode!: NoteTemplateCode;

  @ApiPropertyOptional({ description: 'template field key → value', example: contentExample })
  @IsOptional()
  @IsObject({ message: 'content must be an object of template fields' })
  content?: NoteContent;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'the appointment documented',
  })
  @IsOptional()
  @IsUUID('all', { message: 'appointmentId must be a UUID' })
  appointmentId?: string | null;
}

export class SaveNoteDto extends SessionFieldsDto implements SaveNoteRequest {
  @ApiProperty({ description: 'the version this edit was based on', example: 3 })
  @IsInt({ message: 'version must be the version number the editor last saw' })
  @Min(1, { message: 'version must be at least 1' })
  version!: number;

  @ApiProperty({ description: 'template field key → value', example: contentExample })
  @IsObject({ message: 'content must be an object of template fields' })
  content!: NoteContent;
}

export class SignNoteDto implements SignNoteRequest {
  @ApiProperty({ example: 4 })
  @IsInt({ message: 'version must be the version number the editor last saw' })
  @Min(1, { message: 'version must be at least 1' })
  version!: number;

  @ApiProperty({ description: 'the signer’s own password, to confirm it is them' })
  @IsString({ message: 'password is required to sign' })
  @MaxLength(128, { message: 'password is at most 128 characters' })
  password!: string;
}

export class CreateAddendumDto implements CreateAddendumRequest {
  @ApiProperty({ maxLength: ADDENDUM_MAX_CHARS })
  @RequiredText(ADDENDUM_MAX_CHARS)
  text!: string;

  @ApiProperty({ description: 'the author’s own password: an addendum is signed' })
  @IsString({ message: 'password is required to sign the addendum' })
  @MaxLength(128, { message: 'password is at most 128 characters' })
  password!: string;
}
