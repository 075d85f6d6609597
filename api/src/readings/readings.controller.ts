import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type Reading, type ReadingSummary } from '@cairn/contracts';
import { Access } from '../auth/decorators/access.decorator';
import { findReading, READING_LIBRARY } from './reading-library';

/**
 * The reading library: psychoeducation written for clients, the same for every clinic and not
 * clinical data (like the instrument definitions). Which reading a client is assigned, and when
 * they read it, is homework, with homework's access rules.
 */
@ApiTags('readings')
@Controller()
export class ReadingsController {
  @Access('therapist', 'client')
  @Get(ApiRoutes.readings.list)
  list(): ReadingSummary[] {
    return READING_LIBRARY.map(({ key, title, summary, minutes }) => ({
      key,
      title,
      summary,
      minutes,
    }));
  }

  @Access('therapist', 'client')
  @Get(ApiRoutes.readings.one)
  one(@Param('key') key: string): Reading {
    const reading = findReading(key);
    if (!reading) throw new NotFoundException('Reading not found.');
    return reading;
  }
}
