import { ConflictException, Injectable } from '@nestjs/common';
import { todayIn } from '@cairn/contracts';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { letterheadOf } from '../clinics/clinic-settings';
import { Clinic } from '../clinics/entities/clinic.entity';
import { Client } from '../clients/entities/client.entity';
import { NoteReadsService } from './note-reads.service';
import { renderNotePdf } from './note-pdf';
import { Db } from '../database/db.service';

export interface ExportedNote {
  fileName: string;
  pdf: Buffer;
}

/** A signed progress note as a PDF for a records request. Every export is audited. */
@Injectable()
export class NoteExportService {
  constructor(
    private readonly db: Db,
    private readonly reads: NoteReadsService,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: AuthenticatedUser, noteId: string): Promise<ExportedNote> {
    // Psychotherapy notes have no download in the permissions table: never exported, to anyone.
    const opened = await this.reads.open(actor, noteId, this.db.manager, 'download');
    const { note } = opened;
    if (note.status !== 'signed') {
      throw new ConflictException('Only a signed note can be released as a PDF. Sign it first.');
    }
    const clinic = await this.db.manager.findOneByOrFail(Clinic, { id: note.clinicId });
    const client = await this.db.manager.findOneByOrFail(Client, { id: note.clientId });
    const pdf = await renderNotePdf(opened, {
      ...letterheadOf(clinic),
      timeZone: clinic.timeZone,
      clientLegalName: client.legalName,
      clientDateOfBirth: client.dateOfBirth,
      generatedAt: new Date(),
    });
    await this.audit.record({
      action: 'note.exported',
      entityType: 'note',
      entityId: note.id,
      detail: { bytes: pdf.length },
    });
    // The file name says nothing about who the client is: downloads lists are seen by others.
    return { fileName: `session-note-${todayIn(clinic.timeZone, note.sessionAt)}.pdf`, pdf };
  }
}
