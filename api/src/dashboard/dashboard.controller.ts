import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type CaseloadAttention } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Open risk flags and overdue questionnaires across the therapist's caseload. */
  @Access('therapist')
  @Get(ApiRoutes.dashboard.caseload)
  caseload(@CurrentUser() user: AuthenticatedUser): Promise<CaseloadAttention> {
    return this.dashboard.caseload(user);
  }
}
