import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ReportCopy } from '@cairn/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Clinic } from '../clinics/entities/clinic.entity';
import { PolicyService } from '../policy/policy.service';
import { User } from '../users/entities/user.entity';
import { ProgressReport } from './entities/progress-report.entity';
import { renderReportPdf } from './report-pdf';
import { ReportVault } from './report-vault';
import { ReportsService } from './reports.service';

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
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly vault: ReportVault,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async pdf(actor: AuthenticatedUser, id: string, copy: ReportCopy): Promise<ExportedReport> {
    const byClient = actor.role === 'client';
    const release = byClient || copy === 'release';
    const report = byClient
      ? await this.sharedWithCaller(actor, id)
      : await this.reports.load(actor, id);
    const clinic = await this.dataSource.manager.findOneByOrFail(Clinic, { id: report.clinicId });
    const author = await this.dataSource.manager.findOneByOrFail(User, { id: report.authorId });
    const pdf = await renderReportPdf(
      this.vault.openData(report),
      this.vault.openNarrative(report),
      {
        clinicName: clinic.name,
        timeZone: clinic.timeZone,
        therapistName: author.displayName,
        status: report.status,
        finalizedAt: report.finalizedAt,
        release,
      },
    );
    await this.audit.record({
      action: 'report.export_pdf',
      entityType: 'report',
      entityId: report.id,
      detail: { bytes: pdf.length, status: report.status, copy: release ? 'release' : 'file' },
    });
    // What lands in a client's downloads says nothing of therapy: others may share the device.
    const kind = byClient
      ? 'summary'
      : report.status === 'final'
        ? 'progress-report'
        : 'progress-report-draft';
    return { fileName: `${kind}-${report.periodTo}.pdf`, pdf };
  }

  /** A client's own report, final and shared; anything else is "not found" to them. */
  private async sharedWithCaller(actor: AuthenticatedUser, id: string): Promise<ProgressReport> {
    const client = await this.policy.ownClientFile(actor);
    const report = client
      ? await this.dataSource.manager.findOneBy(ProgressReport, {
          id,
          clientId: client.id,
          status: 'final',
          sharedWithClient: true,
        })
      : null;
    if (!report) throw new NotFoundException('Report not found.');
    return report;
  }
}
