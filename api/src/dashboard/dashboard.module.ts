import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { NotesModule } from '../notes/notes.module';
import { SafetyModule } from '../safety/safety.module';
import { DashboardController } from './dashboard.controller';
import { CaseloadAlertsService } from './caseload-alerts.service';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [AssessmentsModule, NotesModule, SafetyModule],
  controllers: [DashboardController],
  providers: [DashboardService, CaseloadAlertsService],
})
export class DashboardModule {}
