import { Module } from '@nestjs/common';
import { HomeworkLibrarySync } from './homework-library-sync';
import { HomeworkTemplatesService } from './homework-templates.service';
import { HomeworkController } from './homework.controller';
import { HomeworkService } from './homework.service';
import { MyHomeworkController } from './my-homework.controller';
import { MyHomeworkService } from './my-homework.service';

@Module({
  controllers: [HomeworkController, MyHomeworkController],
  providers: [HomeworkTemplatesService, HomeworkService, MyHomeworkService, HomeworkLibrarySync],
  exports: [HomeworkService],
})
export class HomeworkModule {}
