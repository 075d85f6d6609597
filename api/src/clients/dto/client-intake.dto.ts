import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTACHMENT_STYLES,
  BETRAYAL_KINDS,
  DISCLOSURE_STATUSES,
  RELATIONSHIP_STATUSES,
  type AttachmentStyle,
  type BetrayalKind,
  type ClientHistory,
  type ClientIntakeUpdate,
  type DisclosureStatus,
  type HistoryItem,
  type RelationshipStatus,
} from '@cairn/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { OptionalText } from '../../http/field-decorators';

const NOTE = 4000;

export class HistoryItemDto implements HistoryItem {
  @IsOptional()
  @IsBoolean()
  present!: boolean | null;

  @OptionalText(NOTE)
  note!: string | null;
}

export class FoundationalBetrayalDto {
  @IsArray()
  @ArrayMaxSize(BETRAYAL_KINDS.length)
  @IsIn(BETRAYAL_KINDS, { each: true, message: `kinds must be from ${BETRAYAL_KINDS.join(', ')}` })
  kinds!: BetrayalKind[];

  @OptionalText(NOTE)
  note!: string | null;
}

export class AttachmentStyleDto {
  @IsOptional()
  @IsIn(ATTACHMENT_STYLES, { message: `style must be one of ${ATTACHMENT_STYLES.join(', ')}` })
  style!: AttachmentStyle | null;

  @OptionalText(NOTE)
  note!: string | null;
}

export class PriorTherapyDto {
  @IsOptional()
  @IsBoolean()
  present!: boolean | null;

  @OptionalText(500)
  modalities!: string | null;

  @OptionalText(NOTE)
  note!: string | null;
}

/** Any subset of the history checklist; each item sent replaces that item whole. */
export class ClientHistoryDto implements Partial<ClientHistory> {
  @IsOptional()
  @ValidateNested()
  @Type(() => FoundationalBetrayalDto)
  foundationalBetrayal?: FoundationalBetrayalDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => HistoryItemDto)
  childhoodEmotionalNeglect?: HistoryItemDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => HistoryItemDto)
  chaosOrAddictionAtHome?: HistoryItemDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => HistoryItemDto)
  parentification?: HistoryItemDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => AttachmentStyleDto)
  attachmentStyle?: AttachmentStyleDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => PriorTherapyDto)
  priorTherapy?: PriorTherapyDto;
}

export class ClientIntakeDto implements ClientIntakeUpdate {
  @ApiPropertyOptional({ nullable: true })
  @OptionalText(10_000)
  presentingConcerns?: string | null;

  @ApiPropertyOptional({ enum: RELATIONSHIP_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(RELATIONSHIP_STATUSES, {
    message: `relationshipStatus must be one of ${RELATIONSHIP_STATUSES.join(', ')}`,
  })
  relationshipStatus?: RelationshipStatus | null;

  @ApiPropertyOptional({ enum: DISCLOSURE_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(DISCLOSURE_STATUSES, {
    message: `disclosureStatus must be one of ${DISCLOSURE_STATUSES.join(', ')}`,
  })
  disclosureStatus?: DisclosureStatus | null;

  @ApiPropertyOptional({ type: ClientHistoryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientHistoryDto)
  history?: ClientHistoryDto;
}
