import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type MyAppointments } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { AppointmentsService } from './appointments.service';

@ApiTags('portal')
@Controller()
export class MyAppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** The signed-in client's upcoming and past appointments. */
  @Access('client')
  @Get(ApiRoutes.scheduling.mine)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyAppointments> {
    return this.appointments.mine(user);
  }
}
