import { ConflictException, Injectable } from '@nestjs/common';
import type {
  ActionOf,
  CreateReportRequest,
  ProgressReportNarrative,
  ReportDetail,
  ReportListItem,
  ReportSummary,
  SharedReport,
  UpdateReportRequest,
} from '@cairn/contracts';
import { randomUUID } from 'node:crypto';

import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException, StaleVersionException } from '../http/api-exception.filter';
import { AccessService, type LoadOptions } from '../access/access.service';
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
    private readonly access: AccessService,
    private readonly progress: ProgressService,
    private readonly vault: ReportVault,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    request: CreateReportRequest,
  ): Promise<ReportDetail> {
    const { record: client } = await this.access.inFile(actor, clientId, 'report', 'create');
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
        { action: 'report.created', entityType: 'report', entityId: id, detail: { clientId } },
        manager,
      );
    });
    return this.detail(actor, id, false);
  }

  async list(
    actor: AuthenticatedUser,
    clientId: string,
  ): Promise<ReportSummary[] | ReportListItem[]> {
    const file = await this.access.inFile(actor, clientId, 'report', 'view');
    const reports = await this.db.manager.find(ProgressReport, {
      where: { clientId },
      relations: { author: true },
      order: { createdAt: 'DESC' },
    });
    await this.audit.record({ action: 'report.listed', entityType: 'client', entityId: clientId });
    if (!this.access.can(actor, 'report', file.facts).includes('read'))
      return reports.map(toSummary);
    return reports.map((report) => ({
      ...toSummary(report),
      sharedWithClient: report.sharedWithClient,
    }));
  }

  async detail(actor: AuthenticatedUser, id: string, audit = true): Promise<ReportDetail> {
    const { report, can } = await this.load(actor, id, 'read');
    if (audit) {
      await this.audit.record({ action: 'report.viewed', entityType: 'report', entityId: id });
    }
    return this.toDetail(report, can);
  }

  async update(
    actor: AuthenticatedUser,
    id: string,
    request: UpdateReportRequest,
  ): Promise<ReportDetail> {
    await this.db.transaction(async (manager) => {
      const sharing = request.sharedWithClient !== undefined;
      const loaded = await this.load(actor, id, request.narrative || !sharing ? 'edit' : 'share', {
        manager,
        lock: true,
      });
      if (request.narrative && sharing)
        await this.access.require({ kind: 'report', can: loaded.can }, id, 'share');
      const { report, can } = loaded;
      if (report.version !== request.version) {
        throw new StaleVersionException(
          `This report was saved elsewhere (version ${report.version}; yours was ${request.version}). Reload it first.`,
          this.toDetail(report, can),
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
          action: request.sharedWithClient !== undefined ? 'report.shared' : 'report.updated',
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
      const { report } = await this.load(actor, id, 'finalize', { manager, lock: true });
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
        { action: 'report.finalized', entityType: 'report', entityId: id },
        manager,
      );
    });
    return this.detail(actor, id, false);
  }

  /** Finalized reports the therapist shared with this client, for their portal. */
  async sharedWith(actor: AuthenticatedUser): Promise<SharedReport[]> {
    const own = await this.access.ownClientFile(actor);
    if (!own) return [];
    const client = own.record;
    const reports = await this.db.manager.find(ProgressReport, {
      where: { clientId: client.id, status: 'final', sharedWithClient: true },
      relations: { author: true },
      order: { finalizedAt: 'DESC' },
    });
    await this.audit.record({
      action: 'report.own_listed',
      entityType: 'client',
      entityId: client.id,
      detail: { returned: reports.length },
    });
    return reports.map((report) => ({
      id: report.id,
      range: { from: report.periodFrom, to: report.periodTo },
      finalizedAt: report.finalizedAt?.toISOString() ?? '',
      therapistName: report.author?.displayName ?? '',
    }));
  }

  /**
   * A report through the access layer: 404 when the caller may not know it exists, 403 for an
   * admin (who knows reports exist but never reads them).
   */
  async load(
    actor: AuthenticatedUser,
    id: string,
    action: ActionOf<'report'>,
    options: LoadOptions = {},
  ): Promise<{ report: ProgressReport; can: ActionOf<'report'>[] }> {
    const manager = options.manager ?? this.db.manager;
    const { record: report, can } = await this.access.load(actor, 'report', id, action, options);
    report.author = (await manager.findOneBy(User, { id: report.authorId })) ?? undefined;
    return { report, can };
  }

  toDetail(report: ProgressReport, can: ActionOf<'report'>[]): ReportDetail {
    return {
      ...toSummary(report),
      can,
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
