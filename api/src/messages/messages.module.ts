import { Global, Module } from '@nestjs/common';
import { Clock } from '../jobs/clock';
import { JobQueue } from '../jobs/job-queue.service';
import { MailModule } from '../mail/mail.module';
import { MessageDispatcher } from './dispatcher.service';
import { EmailTransport } from './message-transport';
import { PlannedMessagesService } from './planned-messages.service';

/** Global: bookings, answers and schedules plan messages in their own transactions. */
@Global()
@Module({
  imports: [MailModule],
  providers: [Clock, JobQueue, EmailTransport, PlannedMessagesService, MessageDispatcher],
  exports: [Clock, JobQueue, PlannedMessagesService, MessageDispatcher],
})
export class MessagesModule {}
