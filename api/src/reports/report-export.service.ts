import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { ReportCopy } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { letterheadOf } from '../clinics/clinic-settings';
import { Clinic } from '../clinics/entities/clinic.entity';
import { User } from '../users/entities/user.entity';
import { renderReportPdf } from './report-pdf';
import { ReportVault } from './report-vault';
import { ReportsService } from './reports.service';
import { Db } from '../database/db.service';

export interface ExportedReport {
  fileName: string;
  pdf: Buffer;
}

/**
 * A report as PDF: the treating therapist may preview a draft or download the final, as the file
 * copy or the release copy; the client may download a final report shared with them (always the
 * release copy). Every export is audited.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportsService,
    private readonly vault: ReportVault,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: AuthenticatedUser, id: string, copy: ReportCopy): Promise<ExportedReport> {
    // Whoever may download anything may download the release copy; the file copy (partner's
    // check-ins, the risk section) only goes to those the table allows it, and only when asked.
    const { report, can } = await this.reports.load(actor, id, 'download_release');
    const recipient = !can.includes('download');
    const release = recipient || copy === 'release';
    const clinic = await this.db.manager.findOneByOrFail(Clinic, { id: report.clinicId });
    const author = await this.db.manager.findOneByOrFail(User, { id: report.authorId });
    const pdf = await renderReportPdf(
      this.vault.openData(report),
      this.vault.openNarrative(report),
      {
        ...letterheadOf(clinic),
        timeZone: clinic.timeZone,
        therapistName: author.displayName,
        status: report.status,
        finalizedAt: report.finalizedAt,
        release,
      },
    );
    await this.audit.record({
      action: 'report.exported',
      entityType: 'report',
      entityId: report.id,
      detail: { bytes: pdf.length, status: report.status, copy: release ? 'release' : 'file' },
    });
    // What lands in a client's downloads says nothing of therapy: others may share the device.
    const kind = recipient
      ? 'summary'
      : report.status === 'final'
        ? 'progress-report'
        : 'progress-report-draft';
    return { fileName: `${kind}-${report.periodTo}.pdf`, pdf };
  }
}
