import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiRoutes, type ClientImportPreview, type ClientImportResult } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ClientImportService } from './client-import.service';
import { ClientImportDto } from './dto/client-import.dto';

@ApiTags('clients')
@Controller()
export class ClientImportController {
  constructor(private readonly imports: ClientImportService) {}

  /** Every row's problems, by row and column; stores nothing. */
  @Access('admin')
  @Post(ApiRoutes.clients.importPreview)
  @HttpCode(200)
  preview(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ClientImportDto,
  ): Promise<ClientImportPreview> {
    return this.imports.preview(user, body);
  }

  /** Every row in one transaction, or none when any row has a problem (400 naming them). */
  @Access('admin')
  @Post(ApiRoutes.clients.import)
  @HttpCode(201)
  import(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ClientImportDto,
  ): Promise<ClientImportResult> {
    return this.imports.import(user, body);
  }

  @Access('admin')
  @Get(ApiRoutes.clients.importTemplate)
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="cairn-client-import-template.csv"')
  template(): string {
    return this.imports.template();
  }
}
