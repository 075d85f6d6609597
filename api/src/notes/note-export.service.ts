import { ConflictException, Injectable } from '@nestjs/common';
import { todayIn } from '@cairn/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clinic } from '../clinics/entities/clinic.entity';
import { Client } from '../clients/entities/client.entity';
import { NoteReadsService } from './note-reads.service';
import { renderNotePdf } from './note-pdf';

export interface ExportedNote {
  fileName: string;
  pdf: Buffer;
}

/** A signed progress note as a PDF for a records request. Every export is audited. */
@Injectable()
export class NoteExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: NoteReadsService,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: AuthenticatedUser, noteId: string): Promise<ExportedNote> {
    const opened = await this.reads.open(actor, noteId);
    const { note } = opened;
    if (note.kind === 'psychotherapy') {
      throw new ConflictException(
        'Psychotherapy notes are kept apart from the record and are never exported.',
      );
    }
    if (note.status !== 'signed') {
      throw new ConflictException('Only a signed note can be released as a PDF. Sign it first.');
    }
    const clinic = await this.dataSource.manager.findOneByOrFail(Clinic, { id: note.clinicId });
    const client = await this.dataSource.manager.findOneByOrFail(Client, { id: note.clientId });
    const pdf = await renderNotePdf(opened, {
      clinicName: clinic.name,
      timeZone: clinic.timeZone,
      clientLegalName: client.legalName,
      clientDateOfBirth: client.dateOfBirth,
      generatedAt: new Date(),
    });
    await this.audit.record({
      action: 'note.export_pdf',
      entityType: 'note',
      entityId: note.id,
      detail: { bytes: pdf.length },
    });
    // The file name says nothing about who the client is: downloads lists are seen by others.
    return { fileName: `session-note-${todayIn(clinic.timeZone, note.sessionAt)}.pdf`, pdf };
  }
}
