import { Module } from '@nestjs/common';
import { SafetyModule } from '../safety/safety.module';
import { AppointmentsService } from './appointments.service';
import { AvailabilityService } from './availability.service';
import { BookingService } from './booking.service';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { MyAppointmentsController } from './my-appointments.controller';
import { SchedulingController } from './scheduling.controller';
import { SeriesChangesService } from './series-changes.service';

@Module({
  imports: [SafetyModule],
  controllers: [SchedulingController, MyAppointmentsController, CalendarFeedController],
  providers: [
    AvailabilityService,
    BookingService,
    AppointmentsService,
    CalendarFeedService,
    SeriesChangesService,
  ],
})
export class SchedulingModule {}
