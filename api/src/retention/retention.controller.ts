import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type RetentionPolicy, type RetentionReview } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { RetentionPolicyDto, RetentionQueryDto } from './dto/retention.dto';
import { RetentionService } from './retention.service';

/** The clinic's retention period and the closed files past it. Admins only; nothing is deleted. */
@ApiTags('retention')
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Access('admin')
  @Get(ApiRoutes.retention.files)
  @ApiOkResponse({ description: 'Closed client files whose last activity is past the period.' })
  files(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: RetentionQueryDto,
  ): Promise<RetentionReview> {
    return this.retention.review(user, query);
  }

  @Access('admin')
  @Put(ApiRoutes.retention.policy)
  @ApiOkResponse({ description: 'The clinic retention period, as saved.' })
  updatePolicy(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: RetentionPolicyDto,
  ): Promise<RetentionPolicy> {
    return this.retention.updatePolicy(user, body);
  }
}
