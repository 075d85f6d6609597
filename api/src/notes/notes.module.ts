import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CryptoModule } from '../crypto/crypto.module';
import { LateNotesService } from './late-notes.service';
import { NoteExportService } from './note-export.service';
import { NoteReadsService } from './note-reads.service';
import { NoteVault } from './note-vault';
import { NotesController } from './notes.controller';
import { NotesService } from './notes.service';

@Module({
  imports: [AuthModule, CryptoModule],
  controllers: [NotesController],
  providers: [LateNotesService, NotesService, NoteReadsService, NoteExportService, NoteVault],
  exports: [NoteReadsService, LateNotesService],
})
export class NotesModule {}
