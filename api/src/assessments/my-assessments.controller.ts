import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type AssessmentDetail, type AssessmentListItem } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { AssessmentsService } from './assessments.service';
import { SaveAnswersDto } from './dto/assessment.dto';
import { MeasurementSchedulesService } from './measurement-schedules.service';
import { Db } from '../database/db.service';

/** The client's questionnaires in their portal: only those sent to them, and no scores unless shared. */
@ApiTags('portal')
@Controller()
export class MyAssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly schedules: MeasurementSchedulesService,
    private readonly db: Db,
  ) {}

  @Access('client')
  @Get(ApiRoutes.myAssessments.list)
  async list(@CurrentUser() user: AuthenticatedUser): Promise<AssessmentListItem[]> {
    await this.schedules.sendDue({ portalUserId: user.id });
    return this.assessments.listMine(user);
  }

  @Access('client')
  @Get(ApiRoutes.myAssessments.one)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AssessmentDetail> {
    return this.assessments.clientDetail(this.db.manager, user, id);
  }

  @Access('client')
  @Put(ApiRoutes.myAssessments.answers)
  answer(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SaveAnswersDto,
  ): Promise<AssessmentDetail> {
    return this.assessments.saveAnswers(user, id, body, 'client');
  }

  @Access('client')
  @Post(ApiRoutes.myAssessments.complete)
  @HttpCode(200)
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AssessmentDetail> {
    return this.assessments.complete(user, id, 'client');
  }
}
