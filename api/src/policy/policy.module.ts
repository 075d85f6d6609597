import { Global, Module } from '@nestjs/common';
import { PolicyService } from './policy.service';

/** Global: every feature module asks the same policy. */
@Global()
@Module({ providers: [PolicyService], exports: [PolicyService] })
export class PolicyModule {}
