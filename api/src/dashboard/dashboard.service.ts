import { Injectable } from '@nestjs/common';
import type { CaseloadAttention } from '@cairn/contracts';
import { DataSource } from 'typeorm';
import { toSummary } from '../assessments/assessment-views';
import { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { MeasurementSchedulesService } from '../assessments/measurement-schedules.service';
import { RiskFlagsService } from '../assessments/risk-flags.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clinicToday } from '../clinics/clinic-time';
import { LateNotesService } from '../notes/late-notes.service';
import { CaseloadAlertsService } from './caseload-alerts.service';

/** The therapist's home: what across their caseload needs attention now. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly riskFlags: RiskFlagsService,
    private readonly schedules: MeasurementSchedulesService,
    private readonly audit: AuditService,
    private readonly lateNotes: LateNotesService,
    private readonly alerts: CaseloadAlertsService,
  ) {}

  async caseload(actor: AuthenticatedUser): Promise<CaseloadAttention> {
    await this.schedules.sendDue({ therapistId: actor.id });
    const today = await clinicToday(this.dataSource.manager, actor.clinicId);
    // In sequence: once a request runs in one transaction, these share its one connection.
    const openRiskFlags = await this.riskFlags.list(
      this.dataSource.manager,
      actor.clinicId,
      { therapistId: actor.id },
      true,
    );
    const overdue = await this.dataSource
      .createQueryBuilder(Assessment, 'a')
      .innerJoinAndSelect('a.client', 'c')
      .where(`a.clinic_id = :clinicId AND a.status = 'in_progress' AND a.due_on < :today`, {
        clinicId: actor.clinicId,
        today,
      })
      .andWhere('c.primary_therapist_id = :therapistId', { therapistId: actor.id })
      .orderBy('a.due_on', 'ASC')
      .getMany();
    const lateNotes = await this.lateNotes.forAuthor(actor.id);
    const alerts = await this.alerts.forTherapist(actor.id, today);
    await this.audit.record({
      action: 'dashboard.read',
      detail: { flags: openRiskFlags.length, overdue: overdue.length, lateNotes: lateNotes.length },
    });
    return {
      openRiskFlags,
      overdueAssessments: overdue.map((assessment) => ({
        ...toSummary(assessment, storedInstrument(assessment.instrumentCode), today),
        clientName: assessment.client?.preferredName ?? assessment.client?.legalName ?? '',
      })),
      lateNotes,
      ...alerts,
    };
  }
}
