import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { HistoryFormService } from './history-form.service';
import { InstrumentsController } from './instruments.controller';
import { MeasurementSchedulesService } from './measurement-schedules.service';
import { MeasuresService } from './measures.service';
import { MyAssessmentsController } from './my-assessments.controller';
import { RiskFlagsService } from './risk-flags.service';

@Module({
  imports: [CryptoModule],
  controllers: [InstrumentsController, AssessmentsController, MyAssessmentsController],
  providers: [
    AssessmentsService,
    MeasuresService,
    MeasurementSchedulesService,
    RiskFlagsService,
    HistoryFormService,
  ],
  exports: [AssessmentsService, MeasuresService, MeasurementSchedulesService, RiskFlagsService],
})
export class AssessmentsModule {}
