import { Injectable } from '@nestjs/common';
import type { CaseloadAttention } from '@cairn/contracts';
import { toSummary } from '../assessments/assessment-views';
import { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { RiskFlagsService } from '../assessments/risk-flags.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clinicToday } from '../clinics/clinic-time';
import { LateNotesService } from '../notes/late-notes.service';
import { SafetyReviewsService } from '../safety/safety-reviews.service';
import { CaseloadAlertsService } from './caseload-alerts.service';
import { Db } from '../database/db.service';

/** The therapist's home: what across their caseload needs attention now. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly riskFlags: RiskFlagsService,
    private readonly audit: AuditService,
    private readonly lateNotes: LateNotesService,
    private readonly alerts: CaseloadAlertsService,
    private readonly safetyReviews: SafetyReviewsService,
  ) {}

  async caseload(actor: AuthenticatedUser): Promise<CaseloadAttention> {
    const today = await clinicToday(this.db.manager, actor.clinicId);
    const openRiskFlags = await this.riskFlags.list(
      this.db.manager,
      actor.clinicId,
      { therapistId: actor.id },
      true,
    );
    const overdue = await this.db.manager
      .createQueryBuilder(Assessment, 'a')
      .select([
        'a.id',
        'a.clientId',
        'a.instrumentCode',
        'a.instrumentVersion',
        'a.mode',
        'a.status',
        'a.result',
        'a.replacesId',
        'a.dueOn',
        'a.createdAt',
        'a.completedAt',
      ])
      .innerJoinAndSelect('a.client', 'c')
      .where(`a.clinic_id = :clinicId AND a.status = 'in_progress' AND a.due_on < :today`, {
        clinicId: actor.clinicId,
        today,
      })
      .andWhere('c.primary_therapist_id = :therapistId', { therapistId: actor.id })
      .orderBy('a.due_on', 'ASC')
      .getMany();
    const lateNotes = await this.lateNotes.forAuthor(actor.id);
    const alerts = await this.alerts.forTherapist(actor.clinicId, actor.id, today);
    const pendingSafetyReviews = await this.safetyReviews.pendingForTherapist(
      actor.clinicId,
      actor.id,
    );
    await this.audit.record({
      action: 'dashboard.viewed',
      detail: { flags: openRiskFlags.length, overdue: overdue.length, lateNotes: lateNotes.length },
    });
    return {
      openRiskFlags,
      overdueAssessments: overdue.map((assessment) => ({
        ...toSummary(
          assessment,
          storedInstrument(assessment.instrumentCode, assessment.instrumentVersion),
          today,
        ),
        clientName: assessment.client?.preferredName ?? assessment.client?.legalName ?? '',
      })),
      lateNotes,
      ...alerts,
      pendingSafetyReviews,
    };
  }
}
