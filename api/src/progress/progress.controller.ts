import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type ClientProgress } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { ProgressRangeDto } from './dto/progress-range.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@Controller()
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** The treating therapist's dashboard data; the same figures a report snapshots. */
  @Access('therapist')
  @Get(ApiRoutes.progress)
  forClient(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Query() range: ProgressRangeDto,
  ): Promise<ClientProgress> {
    return this.progress.forClient(user, clientId, range);
  }
}
