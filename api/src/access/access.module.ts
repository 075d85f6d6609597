import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';

/** Global: every feature module loads records and asks what may be done through one layer. */
@Global()
@Module({ providers: [AccessService], exports: [AccessService] })
export class AccessModule {}
