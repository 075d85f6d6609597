import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clinic } from '../clinics/entities/clinic.entity';
import { syncHomeworkLibrary } from './homework-templates.service';

/**
 * At start-up, every clinic's library is brought in step with the code (new exercises added,
 * changed wording applied by stable key), so library changes reach clinics that already exist.
 */
@Injectable()
export class HomeworkLibrarySync implements OnApplicationBootstrap {
  private readonly logger = new Logger('HomeworkLibrary');

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const clinics = await this.dataSource.manager.find(Clinic, { select: { id: true } });
    for (const clinic of clinics) {
      await this.dataSource.transaction((manager) => syncHomeworkLibrary(manager, clinic.id));
    }
    if (clinics.length) this.logger.log(`Homework library in step for ${clinics.length} clinic(s)`);
  }
}
