import { Module } from '@nestjs/common';
import { CrisisResourcesController } from './crisis-resources.controller';

@Module({ controllers: [CrisisResourcesController] })
export class ClinicsModule {}
