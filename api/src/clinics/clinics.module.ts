import { Module } from '@nestjs/common';
import { ClinicSettingsController } from './clinic-settings.controller';
import { ClinicSettingsService } from './clinic-settings.service';
import { CrisisResourcesController } from './crisis-resources.controller';

@Module({
  controllers: [CrisisResourcesController, ClinicSettingsController],
  providers: [ClinicSettingsService],
})
export class ClinicsModule {}
