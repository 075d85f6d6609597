import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type SafetyAdminStatus,
  type SafetyOverview,
  type SafetyScreenResultView,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import {
  CreateSafetyScreenDto,
  RecordConjointDecisionDto,
  SaveSafetyAnswersDto,
} from './dto/safety.dto';
import { SafetyReviewsService } from './safety-reviews.service';
import { SafetyScreensService } from './safety-screens.service';

/** Safety before conjoint work, for the treating therapist (and, of it, one fact for an admin). */
@ApiTags('safety')
@Controller()
export class SafetyController {
  constructor(
    private readonly screens: SafetyScreensService,
    private readonly reviews: SafetyReviewsService,
  ) {}

  /** The therapist's overview; an admin learns only whether a review is pending. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.safety.forClient)
  overview(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<SafetyOverview | SafetyAdminStatus> {
    return this.screens.overview(user, clientId);
  }

  @Access('therapist')
  @Post(ApiRoutes.safety.screens)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateSafetyScreenDto,
  ): Promise<SafetyScreenResultView> {
    return this.screens.create(user, clientId, body);
  }

  @Access('therapist')
  @Post(ApiRoutes.safety.decision)
  @HttpCode(204)
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: RecordConjointDecisionDto,
  ): Promise<void> {
    return this.reviews.decide(user, clientId, body);
  }

  @Access('therapist')
  @Get(ApiRoutes.safety.screen)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<SafetyScreenResultView> {
    return this.screens.get(user, id);
  }

  @Access('therapist')
  @Put(ApiRoutes.safety.answers)
  answer(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SaveSafetyAnswersDto,
  ): Promise<SafetyScreenResultView> {
    return this.screens.saveAnswers(
      user,
      id,
      body.answers,
      'therapist',
    ) as Promise<SafetyScreenResultView>;
  }

  @Access('therapist')
  @Post(ApiRoutes.safety.complete)
  @HttpCode(200)
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<SafetyScreenResultView> {
    return this.screens.complete(user, id, 'therapist') as Promise<SafetyScreenResultView>;
  }

  @Access('therapist')
  @Post(ApiRoutes.safety.cancel)
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<SafetyScreenResultView> {
    return this.screens.cancel(user, id);
  }
}
