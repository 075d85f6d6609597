import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrailService } from './audit-trail.service';
import { AuditService } from './audit.service';
import { AuditPartitionsJob } from './audit-partitions';

/** Global: every feature module writes audit events. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditTrailService, AuditPartitionsJob],
  exports: [AuditService],
})
export class AuditModule {}
