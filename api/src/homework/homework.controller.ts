import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkTemplate,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import {
  CreateHomeworkAssignmentDto,
  CreateHomeworkTemplateDto,
  UpdateHomeworkAssignmentDto,
} from './dto/homework.dto';
import { HomeworkTemplatesService } from './homework-templates.service';
import { HomeworkService } from './homework.service';

/** The therapist's side of homework. Admins have no route here: homework is clinical content. */
@ApiTags('homework')
@Controller()
export class HomeworkController {
  constructor(
    private readonly templates: HomeworkTemplatesService,
    private readonly homework: HomeworkService,
  ) {}

  @Access('therapist')
  @Get(ApiRoutes.homework.templates)
  listTemplates(@CurrentUser() user: AuthenticatedUser): Promise<HomeworkTemplate[]> {
    return this.templates.list(user);
  }

  @Access('therapist')
  @Post(ApiRoutes.homework.templates)
  createTemplate(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateHomeworkTemplateDto,
  ): Promise<HomeworkTemplate> {
    return this.templates.create(user, body);
  }

  @Access('therapist')
  @Get(ApiRoutes.homework.forClient)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<HomeworkAssignment[]> {
    return this.homework.listForClient(user, clientId);
  }

  @Access('therapist')
  @Post(ApiRoutes.homework.forClient)
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateHomeworkAssignmentDto,
  ): Promise<HomeworkAssignment> {
    return this.homework.assign(user, clientId, body);
  }

  @Access('therapist')
  @Patch(ApiRoutes.homework.one)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateHomeworkAssignmentDto,
  ): Promise<HomeworkAssignment> {
    return this.homework.update(user, id, body);
  }

  @Access('therapist')
  @Get(ApiRoutes.homework.entries)
  entries(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<HomeworkEntry[]> {
    return this.homework.entries(user, id);
  }
}
