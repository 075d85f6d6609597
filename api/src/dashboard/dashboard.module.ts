import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { NotesModule } from '../notes/notes.module';
import { DashboardController } from './dashboard.controller';
import { CaseloadAlertsService } from './caseload-alerts.service';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [AssessmentsModule, NotesModule],
  controllers: [DashboardController],
  providers: [DashboardService, CaseloadAlertsService],
})
export class DashboardModule {}
