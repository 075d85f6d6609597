import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, todayIn, type AuditEventPage } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { AuditTrailService } from './audit-trail.service';
import { AuditEventQueryDto } from './dto/audit-event-query.dto';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** The clinic's audit trail, newest first, a page at a time. Only a clinic admin reads it. */
  @Access('admin')
  @Get(ApiRoutes.auditEvents)
  @ApiOkResponse({ description: 'A page of audit events, with names and labels.' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AuditEventQueryDto,
  ): Promise<AuditEventPage> {
    return this.trail.page(user, query);
  }

  /** The same filtered view as CSV (the export is audited too). */
  @Access('admin')
  @Get(ApiRoutes.auditEventsExport)
  @ApiProduces('text/csv')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AuditEventQueryDto,
  ): Promise<StreamableFile> {
    const csv = await this.trail.csv(user, query);
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="audit-trail-${todayIn(undefined)}.csv"`,
    });
  }
}
