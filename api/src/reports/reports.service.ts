import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type {
  CreateReportRequest,
  ProgressReportNarrative,
  ReportDetail,
  ReportListItem,
  ReportSummary,
  SharedReport,
  UpdateReportRequest,
} from '@cairn/contracts';
import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException, StaleVersionException } from '../http/api-exception.filter';
import { PolicyService } from '../policy/policy.service';
import { User } from '../users/entities/user.entity';
import { ProgressService } from '../progress/progress.service';
import { ProgressReport } from './entities/progress-report.entity';
import { ReportVault } from './report-vault';
import { Db } from '../database/db.service';

const EMPTY_NARRATIVE: ProgressReportNarrative = {
  summary: '',
  goalsAndProgress: '',
  plan: '',
  recommendations: '',
};

/**
 * Progress reports: created with a snapshot of the progress data, written (narrative), finalized
 * (locked, like a signed note), and optionally shared with the client. Only the treating
 * therapist reads them; an admin learns that they exist.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly policy: PolicyService,
    private readonly progress: ProgressService,
    private readonly vault: ReportVault,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    request: CreateReportRequest,
  ): Promise<ReportDetail> {
    const client = await this.policy.client(actor, clientId, 'editClinical');
    const data = await this.progress.compute(actor, client, request);
    const id = randomUUID();
    await this.db.transaction(async (manager) => {
      await manager.insert(ProgressReport, {
        id,
        clinicId: client.clinicId,
        clientId,
        authorId: actor.id,
        periodFrom: data.range.from,
        periodTo: data.range.to,
        ...this.vault.sealData(id, data),
        ...this.vault.sealNarrative(id, EMPTY_NARRATIVE),
      });
      await this.audit.record(
        { action: 'report.create', entityType: 'report', entityId: id, detail: { clientId } },
        manager,
      );
    });
    return this.detail(actor, id, false);
  }

  async list(
    actor: AuthenticatedUser,
    clientId: string,
  ): Promise<ReportSummary[] | ReportListItem[]> {
    const client = await this.policy.client(actor, clientId, 'view');
    const reports = await this.db.manager.find(ProgressReport, {
      where: { clientId },
      relations: { author: true },
      order: { createdAt: 'DESC' },
    });
    await this.audit.record({ action: 'report.list', entityType: 'client', entityId: clientId });
    if (!this.policy.seesClinical(actor, client)) return reports.map(toSummary);
    return reports.map((report) => ({
      ...toSummary(report),
      sharedWithClient: report.sharedWithClient,
    }));
  }

  async detail(actor: AuthenticatedUser, id: string, audit = true): Promise<ReportDetail> {
    const report = await this.load(actor, id);
    if (audit) {
      await this.audit.record({ action: 'report.read', entityType: 'report', entityId: id });
    }
    return this.toDetail(report);
  }

  async update(
    actor: AuthenticatedUser,
    id: string,
    request: UpdateReportRequest,
  ): Promise<ReportDetail> {
    await this.db.transaction(async (manager) => {
      const report = await this.load(actor, id, manager, true);
      if (report.version !== request.version) {
        throw new StaleVersionException(
          `This report was saved elsewhere (version ${report.version}; yours was ${request.version}). Reload it first.`,
          this.toDetail(report),
        );
      }
      if (request.narrative && report.status === 'final') {
        throw new ConflictException('A final report can no longer change.');
      }
      if (request.sharedWithClient !== undefined && report.status !== 'final') {
        throw new ConflictException('Finalize the report before sharing it with the client.');
      }
      const changes: Partial<ProgressReport> = {};
      if (request.narrative) {
        // Sections left out of the request keep their text (the DTO may carry them as undefined).
        const given = Object.entries(request.narrative).filter(([, text]) => text !== undefined);
        const narrative = { ...this.vault.openNarrative(report), ...Object.fromEntries(given) };
        Object.assign(changes, this.vault.sealNarrative(report.id, narrative), {
          version: report.version + 1,
        });
      }
      if (request.sharedWithClient !== undefined)
        changes.sharedWithClient = request.sharedWithClient;
      if (Object.keys(changes).length === 0) return;
      await manager.update(ProgressReport, { id }, changes);
      await this.audit.record(
        {
          action: request.sharedWithClient !== undefined ? 'report.share' : 'report.update',
          entityType: 'report',
          entityId: id,
          detail:
            request.sharedWithClient !== undefined
              ? { shared: request.sharedWithClient }
              : undefined,
        },
        manager,
      );
    });
    return this.detail(actor, id, false);
  }

  async finalize(actor: AuthenticatedUser, id: string): Promise<ReportDetail> {
    await this.db.transaction(async (manager) => {
      const report = await this.load(actor, id, manager, true);
      if (report.status === 'final') throw new ConflictException('This report is already final.');
      if (!this.vault.openNarrative(report).summary.trim()) {
        throw new FieldValidationException([
          { field: 'narrative.summary', problems: ['Write a summary before finalizing.'] },
        ]);
      }
      await manager.update(
        ProgressReport,
        { id },
        { status: 'final', finalizedAt: new Date(), version: report.version + 1 },
      );
      await this.audit.record(
        { action: 'report.finalize', entityType: 'report', entityId: id },
        manager,
      );
    });
    return this.detail(actor, id, false);
  }

  /** Finalized reports the therapist shared with this client, for their portal. */
  async sharedWith(actor: AuthenticatedUser): Promise<SharedReport[]> {
    const client = await this.policy.ownClientFile(actor);
    if (!client) return [];
    const reports = await this.db.manager.find(ProgressReport, {
      where: { clientId: client.id, status: 'final', sharedWithClient: true },
      relations: { author: true },
      order: { finalizedAt: 'DESC' },
    });
    return reports.map((report) => ({
      id: report.id,
      range: { from: report.periodFrom, to: report.periodTo },
      finalizedAt: report.finalizedAt?.toISOString() ?? '',
      therapistName: report.author?.displayName ?? '',
    }));
  }

  /**
   * A report for the treating therapist: 404 when the caller may not know the client exists, 403
   * for an admin (who knows reports exist but never reads them).
   */
  async load(
    actor: AuthenticatedUser,
    id: string,
    manager: EntityManager = this.db.manager,
    lock = false,
  ): Promise<ProgressReport> {
    const report = await manager.findOne(ProgressReport, {
      where: { id, clinicId: actor.clinicId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!report) throw new NotFoundException('Report not found.');
    const client = await this.policy.client(actor, report.clientId, 'view', manager);
    if (!this.policy.seesClinical(actor, client)) {
      throw new ForbiddenException('Only the treating therapist reads progress reports.');
    }
    report.author = (await manager.findOneBy(User, { id: report.authorId })) ?? undefined;
    return report;
  }

  toDetail(report: ProgressReport): ReportDetail {
    return {
      ...toSummary(report),
      sharedWithClient: report.sharedWithClient,
      version: report.version,
      narrative: this.vault.openNarrative(report),
      data: this.vault.openData(report),
    };
  }
}

function toSummary(report: ProgressReport): ReportSummary {
  return {
    id: report.id,
    clientId: report.clientId,
    range: { from: report.periodFrom, to: report.periodTo },
    status: report.status,
    author: { id: report.authorId, displayName: report.author?.displayName ?? '' },
    createdAt: report.createdAt.toISOString(),
    finalizedAt: report.finalizedAt?.toISOString() ?? null,
  };
}
