import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { HomeworkModule } from '../homework/homework.module';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';

@Module({
  imports: [AssessmentsModule, HomeworkModule],
  controllers: [ProgressController],
  providers: [ProgressService],
  exports: [ProgressService],
})
export class ProgressModule {}
