import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { ProgressModule } from '../progress/progress.module';
import { ReportExportService } from './report-export.service';
import { ReportVault } from './report-vault';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [CryptoModule, ProgressModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportExportService, ReportVault],
  exports: [ReportVault],
})
export class ReportsModule {}
