import { Global, Module } from '@nestjs/common';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { MailModule } from '../mail/mail.module';
import { DailyMessagesPlanner } from './daily-planner';
import { MessageDispatcher } from './dispatcher.service';
import { EmailTransport } from './message-transport';
import { PlannedMessagesService } from './planned-messages.service';
import { ReminderPlanner } from './reminder-planner';
import { StopLinkController } from './stop-link.controller';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** Global: bookings, answers and schedules plan messages in their own transactions. */
@Global()
@Module({
  imports: [MailModule],
  controllers: [StopLinkController, MessagesController],
  providers: [
    Clock,
    JobQueue,
    EmailTransport,
    PlannedMessagesService,
    MessageDispatcher,
    ReminderPlanner,
    DailyMessagesPlanner,
    MessagesService,
  ],
  exports: [Clock, JobQueue, PlannedMessagesService, MessageDispatcher, ReminderPlanner],
})
export class MessagesModule {}
