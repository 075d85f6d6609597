import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type AssessmentDetail,
  type AssessmentListItem,
  type AssessmentSummary,
  type MeasureSeries,
  type MeasurementSchedule,
  type RiskFlagView,
} from '@cairn/contracts';
import type { FhirQuestionnaireResponse } from '@cairn/instruments';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { AssessmentsService } from './assessments.service';
import {
  AcknowledgeRiskDto,
  CreateAssessmentDto,
  CreateScheduleDto,
  SaveAnswersDto,
  ShareResultDto,
} from './dto/assessment.dto';
import { MeasureRangeDto } from './dto/measure-range.dto';
import { MeasurementSchedulesService } from './measurement-schedules.service';
import { MeasuresService } from './measures.service';

@ApiTags('assessments')
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly measures: MeasuresService,
    private readonly schedules: MeasurementSchedulesService,
  ) {}

  @Access('therapist')
  @Post(ApiRoutes.assessments.forClient)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateAssessmentDto,
  ): Promise<AssessmentDetail> {
    return this.assessments.create(user, clientId, body);
  }

  /** The treating therapist gets results; an admin sees that administrations exist and their status. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.assessments.forClient)
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<AssessmentListItem[]> {
    return this.assessments.listForClient(user, clientId);
  }

  @Access('therapist')
  @Get(ApiRoutes.assessments.measures)
  measuresFor(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Query() range: MeasureRangeDto,
  ): Promise<MeasureSeries[]> {
    return this.measures.forClient(user, clientId, range);
  }

  @Access('therapist')
  @Get(ApiRoutes.assessments.riskFlags)
  flags(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<RiskFlagView[]> {
    return this.assessments.riskFlagsFor(user, clientId);
  }

  @Access('therapist')
  @Get(ApiRoutes.assessments.schedules)
  schedulesFor(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<MeasurementSchedule[]> {
    return this.schedules.list(user, clientId);
  }

  @Access('therapist')
  @Post(ApiRoutes.assessments.schedules)
  schedule(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateScheduleDto,
  ): Promise<MeasurementSchedule> {
    return this.schedules.create(user, clientId, body);
  }

  @Access('therapist')
  @Delete(ApiRoutes.assessments.schedule)
  stopSchedule(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<MeasurementSchedule> {
    return this.schedules.stop(user, id);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.assessments.one)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AssessmentDetail | AssessmentSummary> {
    return this.assessments.get(user, id);
  }

  @Access('therapist')
  @Put(ApiRoutes.assessments.answers)
  answer(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SaveAnswersDto,
  ): Promise<AssessmentDetail> {
    return this.assessments.saveAnswers(user, id, body, 'therapist');
  }

  @Access('therapist')
  @Post(ApiRoutes.assessments.complete)
  @HttpCode(200)
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AssessmentDetail> {
    return this.assessments.complete(user, id, 'therapist');
  }

  @Access('therapist')
  @Post(ApiRoutes.assessments.cancel)
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AssessmentDetail> {
    return this.assessments.cancel(user, id);
  }

  @Access('therapist')
  @Post(ApiRoutes.assessments.share)
  @HttpCode(200)
  share(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: ShareResultDto,
  ): Promise<AssessmentDetail> {
    return this.assessments.share(user, id, body.shared);
  }

  @Access('therapist')
  @Post(ApiRoutes.assessments.acknowledgeRisk)
  @HttpCode(200)
  acknowledge(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: AcknowledgeRiskDto,
  ): Promise<RiskFlagView[]> {
    return this.assessments.acknowledgeRisk(user, id, body.note ?? null);
  }

  @Access('therapist')
  @Get(ApiRoutes.assessments.fhir)
  fhir(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<FhirQuestionnaireResponse> {
    return this.assessments.fhir(user, id);
  }
}
