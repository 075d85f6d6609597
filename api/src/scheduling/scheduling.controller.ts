import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  type AppointmentView,
  type BookingResult,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type ConvertProspectResult,
  type FollowingResult,
  type FreeSlots,
  type TherapistAvailability,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { AppointmentsService } from './appointments.service';
import { AvailabilityService } from './availability.service';
import { BookingService } from './booking.service';
import { CalendarFeedService } from './calendar-feed.service';
import {
  CancelAppointmentDto,
  CreateAppointmentDto,
  ListAppointmentsQueryDto,
  SlotQueryDto,
  UpdateAppointmentDto,
  UpdateFollowingDto,
} from './dto/appointment.dto';
import { SeriesChangesService } from './series-changes.service';
import { PutAvailabilityDto } from './dto/availability.dto';

@ApiTags('scheduling')
@Controller()
export class SchedulingController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly booking: BookingService,
    private readonly appointments: AppointmentsService,
    private readonly feeds: CalendarFeedService,
    private readonly seriesChanges: SeriesChangesService,
  ) {}

  @Access('admin', 'therapist')
  @Get(ApiRoutes.scheduling.availability)
  getAvailability(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<TherapistAvailability> {
    return this.availability.get(user, id);
  }

  @Access('admin', 'therapist')
  @Put(ApiRoutes.scheduling.availability)
  putAvailability(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: PutAvailabilityDto,
  ): Promise<TherapistAvailability> {
    return this.availability.put(user, id, body);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.scheduling.slots)
  slots(@CurrentUser() user: AuthenticatedUser, @Query() query: SlotQueryDto): Promise<FreeSlots> {
    return this.availability.slots(user, query);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.scheduling.appointments)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListAppointmentsQueryDto,
  ): Promise<AppointmentView[]> {
    return this.appointments.list(user, query);
  }

  /** Books one appointment, or a series (every N weeks) as a whole. */
  @Access('admin', 'therapist')
  @Post(ApiRoutes.scheduling.appointments)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateAppointmentDto,
  ): Promise<BookingResult> {
    return this.booking.create(user, body);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.scheduling.appointment)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AppointmentView> {
    return this.appointments.get(user, id);
  }

  @Access('admin', 'therapist')
  @Patch(ApiRoutes.scheduling.appointment)
  update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    return this.booking.update(user, id, body);
  }

  @Access('admin', 'therapist')
  @Post(ApiRoutes.scheduling.cancel)
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: CancelAppointmentDto,
  ): Promise<AppointmentView> {
    return this.appointments.cancel(user, id, body.reason);
  }

  /** "This and following": new time, length or interval for the rest of the series. */
  @Access('admin', 'therapist')
  @Patch(ApiRoutes.scheduling.following)
  updateFollowing(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: UpdateFollowingDto,
  ): Promise<FollowingResult> {
    return this.seriesChanges.update(user, id, body);
  }

  @Access('admin', 'therapist')
  @Post(ApiRoutes.scheduling.cancelFollowing)
  @HttpCode(200)
  cancelFollowing(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: CancelAppointmentDto,
  ): Promise<FollowingResult> {
    return this.seriesChanges.cancel(user, id, body.reason);
  }

  @Access('admin', 'therapist')
  @Post(ApiRoutes.scheduling.complete)
  @HttpCode(200)
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AppointmentView> {
    return this.appointments.close(user, id, 'completed');
  }

  @Access('admin', 'therapist')
  @Post(ApiRoutes.scheduling.noShow)
  @HttpCode(200)
  noShow(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<AppointmentView> {
    return this.appointments.close(user, id, 'no_show');
  }

  @Access('admin')
  @Post(ApiRoutes.scheduling.convertProspect)
  convert(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<ConvertProspectResult> {
    return this.appointments.convertProspect(user, id);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.scheduling.calendarFeed)
  feedStatus(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<CalendarFeedStatus> {
    return this.feeds.status(user, id);
  }

  @Access('therapist')
  @Post(ApiRoutes.scheduling.calendarFeed)
  createFeed(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<CalendarFeedCreated> {
    return this.feeds.create(user, id);
  }

  @Access('admin', 'therapist')
  @Delete(ApiRoutes.scheduling.calendarFeed)
  @HttpCode(204)
  revokeFeed(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<void> {
    return this.feeds.revoke(user, id);
  }
}
