import { Global, Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Global: any feature that tells someone something by email injects MailService. */
@Global()
@Module({ providers: [MailService], exports: [MailService] })
export class MailModule {}
