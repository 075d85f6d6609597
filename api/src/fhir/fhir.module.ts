import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { FhirController } from './fhir.controller';
import { FhirService } from './fhir.service';

/** The FHIR R4 base: a client's record for other health IT systems. */
@Module({
  imports: [AssessmentsModule],
  controllers: [FhirController],
  providers: [FhirService],
  exports: [FhirService],
})
export class FhirModule {}
