import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type HealthStatus } from '@cairn/contracts';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators/public.decorator';
import { databaseOutage } from '../database/database-errors';
import { ShutdownState } from './shutdown-state';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly shutdown: ShutdownState,
  ) {}

  @Public()
  @Get(ApiRoutes.health)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The API is up and its database answers.' })
  @ApiServiceUnavailableResponse({
    description:
      'The database cannot be used, or this process is shutting down; the message says why. ' +
      'Retry-After is set.',
  })
  async health(): Promise<HealthStatus> {
    if (this.shutdown.draining)
      throw new ServiceUnavailableException('This Cairn process is shutting down.');
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch (error) {
      const why = databaseOutage(error) ?? 'it answered with an error';
      throw new ServiceUnavailableException(`The database is not reachable: ${why}.`);
    }
  }
}
