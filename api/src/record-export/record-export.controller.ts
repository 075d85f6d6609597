import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, todayIn } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { RecordExportService } from './record-export.service';

@ApiTags('record export')
@Controller()
export class RecordExportController {
  constructor(private readonly exports: RecordExportService) {}

  /**
   * The whole record as one zip (the file name says nothing of whose record it is). Clients are
   * let through to the access layer so that a partner finds nothing (404), as anywhere else.
   */
  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.recordExport)
  @ApiProduces('application/zip')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const { zip } = await this.exports.export(user, id);
    // A view of the zip's bytes, not a copy (Buffer.from of an array would copy the archive).
    return new StreamableFile(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), {
      type: 'application/zip',
      disposition: `attachment; filename="record-${todayIn(undefined)}.zip"`,
    });
  }
}
