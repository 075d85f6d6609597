import {
  Body,
  Controller,
  Get,
  HttpCode,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type ReportDetail,
  type ReportListItem,
  type ReportSummary,
  type SharedReport,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateReportDto, ReportCopyDto, UpdateReportDto } from './dto/report.dto';
import { ReportExportService } from './report-export.service';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExportService,
  ) {}

  /** The treating therapist's reports; an admin sees that they exist. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.reports.forClient)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<ReportSummary[] | ReportListItem[]> {
    return this.reports.list(user, clientId);
  }

  @Access('therapist')
  @Post(ApiRoutes.reports.forClient)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateReportDto,
  ): Promise<ReportDetail> {
    return this.reports.create(user, clientId, body);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.reports.one)
  one(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<ReportDetail> {
    return this.reports.detail(user, id);
  }

  @Access('therapist')
  @Patch(ApiRoutes.reports.one)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateReportDto,
  ): Promise<ReportDetail> {
    return this.reports.update(user, id, body);
  }

  @Access('therapist')
  @Post(ApiRoutes.reports.finalize)
  @HttpCode(200)
  finalize(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ReportDetail> {
    return this.reports.finalize(user, id);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.reports.pdf)
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Query() query: ReportCopyDto,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.exports.pdf(user, id, query.copy ?? 'file');
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
      length: pdf.length,
    });
  }

  @Access('client')
  @Get(ApiRoutes.reports.mine)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<SharedReport[]> {
    return this.reports.sharedWith(user);
  }
}
