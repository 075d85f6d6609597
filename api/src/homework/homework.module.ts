import { Module } from '@nestjs/common';
import { CryptoModule } from '../crypto/crypto.module';
import { HomeworkTemplatesService } from './homework-templates.service';
import { HomeworkController } from './homework.controller';
import { HomeworkService } from './homework.service';
import { MyHomeworkController } from './my-homework.controller';
import { MyHomeworkService } from './my-homework.service';

@Module({
  imports: [CryptoModule],
  controllers: [HomeworkController, MyHomeworkController],
  providers: [HomeworkTemplatesService, HomeworkService, MyHomeworkService],
  exports: [HomeworkService],
})
export class HomeworkModule {}
