import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type MyHomework, type MyHomeworkEntry } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateHomeworkEntryDto, UpdateHomeworkEntryDto } from './dto/homework.dto';
import { MyHomeworkService } from './my-homework.service';

/** The client's homework in their portal: their own assignments and entries only. */
@ApiTags('portal')
@Controller()
export class MyHomeworkController {
  constructor(private readonly homework: MyHomeworkService) {}

  @Access('client')
  @Get(ApiRoutes.homework.mine)
  list(@CurrentUser() user: AuthenticatedUser): Promise<MyHomework> {
    return this.homework.list(user);
  }

  @Access('client')
  @Post(ApiRoutes.homework.myEntries)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') assignmentId: string,
    @Body() body: CreateHomeworkEntryDto,
  ): Promise<MyHomeworkEntry> {
    return this.homework.create(user, assignmentId, body);
  }

  @Access('client')
  @Patch(ApiRoutes.homework.myEntry)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') entryId: string,
    @Body() body: UpdateHomeworkEntryDto,
  ): Promise<MyHomeworkEntry> {
    return this.homework.update(user, entryId, body);
  }
}
