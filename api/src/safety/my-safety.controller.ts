import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type MySafetyScreen } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { SaveSafetyAnswersDto } from './dto/safety.dto';
import { SafetyScreensService } from './safety-screens.service';

/** The client's own safety screen in their portal: answered alone, seen by their therapist only. */
@ApiTags('portal')
@Controller()
export class MySafetyController {
  constructor(private readonly screens: SafetyScreensService) {}

  @Access('client')
  @Get(ApiRoutes.safety.mine)
  list(@CurrentUser() user: AuthenticatedUser): Promise<MySafetyScreen[]> {
    return this.screens.listMine(user);
  }

  @Access('client')
  @Get(ApiRoutes.safety.myScreen)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<MySafetyScreen> {
    return this.screens.mine(user, id);
  }

  @Access('client')
  @Put(ApiRoutes.safety.myAnswers)
  answer(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SaveSafetyAnswersDto,
  ): Promise<MySafetyScreen> {
    return this.screens.saveAnswers(user, id, body.answers, 'client') as Promise<MySafetyScreen>;
  }

  @Access('client')
  @Post(ApiRoutes.safety.myComplete)
  @HttpCode(200)
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<MySafetyScreen> {
    return this.screens.complete(user, id, 'client') as Promise<MySafetyScreen>;
  }
}
