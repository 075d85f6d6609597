import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';

/** Global: every feature module writes audit events. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditTrailService],
  exports: [AuditService],
})
export class AuditModule {}
