import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type StaffCreated, type StaffMember } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Access('admin')
  @Get(ApiRoutes.staff.list)
  list(@CurrentUser() user: AuthenticatedUser): Promise<StaffMember[]> {
    return this.staff.list(user);
  }

  @Access('admin')
  @Post(ApiRoutes.staff.list)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateStaffDto,
  ): Promise<StaffCreated> {
    return this.staff.create(user, body);
  }

  @Access('admin')
  @Patch(ApiRoutes.staff.one)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffMember> {
    return this.staff.update(user, id, body);
  }

  @Access('admin')
  @Post(ApiRoutes.staff.invite)
  invite(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<StaffCreated> {
    return this.staff.reinvite(user, id);
  }
}
