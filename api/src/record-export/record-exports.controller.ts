import { Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, todayIn, type RecordExportView } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { RecordExportsService } from './record-exports.service';

@ApiTags('record export')
@Controller()
export class RecordExportsController {
  constructor(private readonly exports: RecordExportsService) {}

  /** Queues an export of what the caller may read of the file; follow it with GET. */
  @Access('admin', 'therapist')
  @Post(ApiRoutes.recordExports.forClient)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<RecordExportView> {
    return this.exports.create(user, clientId);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.recordExports.forClient)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<RecordExportView[]> {
    return this.exports.listForClient(user, clientId);
  }

  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.recordExports.one)
  one(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<RecordExportView> {
    return this.exports.get(user, id);
  }

  /** The treating therapist releases a client's request: the client's copy is built. */
  @Access('therapist')
  @Post(ApiRoutes.recordExports.release)
  @HttpCode(200)
  release(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<RecordExportView> {
    return this.exports.release(user, id);
  }

  /** The finished zip; the file name says nothing of whose record it is. */
  @Access('admin', 'therapist', 'client')
  @Get(ApiRoutes.recordExports.download)
  @ApiProduces('application/zip')
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const zip = await this.exports.download(user, id);
    return new StreamableFile(Buffer.from(zip), {
      type: 'application/zip',
      disposition: `attachment; filename="document-${todayIn(undefined)}.zip"`,
    });
  }

  /** The client asks for a copy of their own record; the therapist releases it. */
  @Access('client')
  @Post(ApiRoutes.recordExports.mine)
  requestOwn(@CurrentUser() user: AuthenticatedUser): Promise<RecordExportView> {
    return this.exports.requestOwn(user);
  }

  @Access('client')
  @Get(ApiRoutes.recordExports.mine)
  mine(@CurrentUser() user: AuthenticatedUser): Promise<RecordExportView[]> {
    return this.exports.listOwn(user);
  }
}
