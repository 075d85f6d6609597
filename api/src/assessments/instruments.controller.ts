import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type InstrumentSummary } from '@cairn/contracts';
import {
  findInstrument,
  INSTRUMENTS,
  toFhirQuestionnaire,
  type FhirQuestionnaire,
  type InstrumentDefinition,
} from '@cairn/instruments';
import { Access } from '../auth/decorators/access.decorator';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { InstrumentVersionQueryDto } from './dto/instrument-version.dto';

/** The current version under the code, or an earlier one asked for by `?version=`. */
function definitionFor(code: string, version?: string): InstrumentDefinition {
  const definition = findInstrument(code, version);
  if (!definition) {
    throw new NotFoundException(`No instrument ${code}${version ? ` version ${version}` : ''}.`);
  }
  return definition;
}

/** The instrument library: definitions are public knowledge, not clinical data. */
@ApiTags('assessments')
@Controller()
export class InstrumentsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.instruments.list)
  list(): InstrumentSummary[] {
    return INSTRUMENTS.map((definition) => ({
      code: definition.code,
      version: definition.version,
      title: definition.title,
      shortTitle: definition.shortTitle,
      measures: definition.measures,
      kind: definition.kind,
      clinicalAid: definition.clinicalAid,
      itemCount: definition.items.length,
      asksIndexEvent: definition.asksIndexEvent,
      licence: definition.licence,
    }));
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.instruments.one)
  one(
    @Param('code') code: string,
    @Query() query: InstrumentVersionQueryDto,
  ): InstrumentDefinition {
    return definitionFor(code, query.version);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.instruments.fhir)
  fhir(@Param('code') code: string, @Query() query: InstrumentVersionQueryDto): FhirQuestionnaire {
    return toFhirQuestionnaire(definitionFor(code, query.version), this.config.publicUrl);
  }
}
