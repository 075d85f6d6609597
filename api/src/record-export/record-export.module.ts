import { Module } from '@nestjs/common';
import { FhirModule } from '../fhir/fhir.module';
import { RecordExportController } from './record-export.controller';
import { RecordExportService } from './record-export.service';

/** A client's whole record as one zip (FHIR Bundle and CSV files). */
@Module({
  imports: [FhirModule],
  controllers: [RecordExportController],
  providers: [RecordExportService],
})
export class RecordExportModule {}
