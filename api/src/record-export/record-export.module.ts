import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module';
import { CryptoModule } from '../crypto/crypto.module';
import { FhirModule } from '../fhir/fhir.module';
import { NotesModule } from '../notes/notes.module';
import { ProgressModule } from '../progress/progress.module';
import { ReportsModule } from '../reports/reports.module';
import { RecordExportBuilder } from './record-export-builder';
import { RecordExportController } from './record-export.controller';
import { RecordExportService } from './record-export.service';
import { RecordExportsController } from './record-exports.controller';
import { RecordExportsService } from './record-exports.service';

/**
 * A client's whole record as one zip (FHIR Bundle, chart PDF, CSV files): at once, or built as
 * a job with progress; and the client's own copy, asked for in the portal.
 */
@Module({
  imports: [FhirModule, ClientsModule, ProgressModule, NotesModule, ReportsModule, CryptoModule],
  controllers: [RecordExportController, RecordExportsController],
  providers: [RecordExportBuilder, RecordExportService, RecordExportsService],
})
export class RecordExportModule {}
