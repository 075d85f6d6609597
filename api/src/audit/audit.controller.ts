import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type AuditEventView, type Page } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { AuditService } from './audit.service';
import { AuditEventQueryDto } from './dto/audit-event-query.dto';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The clinic's audit trail, newest first. Only a clinic admin reads it, and only their clinic's. */
  @Access('admin')
  @Get(ApiRoutes.auditEvents)
  @ApiOkResponse({ description: 'A page of audit events.' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AuditEventQueryDto,
  ): Promise<Page<AuditEventView>> {
    return this.audit.listForClinic(user.clinicId, query);
  }
}
