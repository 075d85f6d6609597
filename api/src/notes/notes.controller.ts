import { Body, Controller, Get, HttpCode, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ApiRoutes,
  NOTE_TEMPLATES,
  type MissingNote,
  type NoteDetail,
  type NoteListItem,
  type NoteSummary,
  type NoteTemplate,
} from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Access } from '../auth/decorators/access.decorator';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateAddendumDto, CreateNoteDto, SaveNoteDto, SignNoteDto } from './dto/note.dto';
import { NoteExportService } from './note-export.service';
import { NoteReadsService } from './note-reads.service';
import { NotesService } from './notes.service';

/** Session notes. Clients never reach these routes; admins only list that notes exist. */
@ApiTags('notes')
@Controller()
export class NotesController {
  constructor(
    private readonly notes: NotesService,
    private readonly reads: NoteReadsService,
    private readonly exports: NoteExportService,
  ) {}

  @Access('therapist')
  @Get(ApiRoutes.notes.templates)
  templates(): readonly NoteTemplate[] {
    return NOTE_TEMPLATES;
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.notes.forClient)
  list(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<NoteSummary[] | NoteListItem[]> {
    return this.reads.list(user, clientId);
  }

  /** Completed sessions with no note at all, 72 hours on: late too. */
  @Access('admin', 'therapist')
  @Get(ApiRoutes.notes.missing)
  missing(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
  ): Promise<MissingNote[]> {
    return this.reads.missing(user, clientId);
  }

  @Access('therapist')
  @Post(ApiRoutes.notes.forClient)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') clientId: string,
    @Body() body: CreateNoteDto,
  ): Promise<NoteDetail> {
    return this.notes.create(user, clientId, body);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.notes.one)
  one(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string): Promise<NoteDetail> {
    return this.reads.detail(user, id, { audit: true });
  }

  @Access('therapist')
  @Put(ApiRoutes.notes.one)
  save(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SaveNoteDto,
  ): Promise<NoteDetail> {
    return this.notes.save(user, id, body);
  }

  @Access('therapist')
  @Post(ApiRoutes.notes.sign)
  @HttpCode(200)
  sign(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: SignNoteDto,
  ): Promise<NoteDetail> {
    return this.notes.sign(user, id, body.version, body.password);
  }

  @Access('therapist')
  @Post(ApiRoutes.notes.addenda)
  addAddendum(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() body: CreateAddendumDto,
  ): Promise<NoteDetail> {
    return this.notes.addAddendum(user, id, body.text, body.password);
  }

  @Access('admin', 'therapist')
  @Get(ApiRoutes.notes.pdf)
  @ApiProduces('application/pdf')
  async pdf(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.exports.pdf(user, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName}"`,
      length: pdf.length,
    });
  }
}
