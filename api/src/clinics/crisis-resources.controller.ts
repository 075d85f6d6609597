import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type CrisisSupport } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Db } from '../database/db.service';
import { clinicOf } from './clinic-settings';
import { helpNowFor } from './crisis-resources';

/** "If you need help now": reachable from the portal at any time. Not clinical, not audited. */
@ApiTags('portal')
@Controller()
export class CrisisResourcesController {
  constructor(private readonly db: Db) {}

  @Access('client', 'therapist')
  @Get(ApiRoutes.myCrisisResources)
  async help(@CurrentUser() user: AuthenticatedUser): Promise<CrisisSupport> {
    return helpNowFor(await clinicOf(this.db.manager, user.clinicId));
  }
}
