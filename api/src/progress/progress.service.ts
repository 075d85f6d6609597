import { Injectable } from '@nestjs/common';
import {
  addDays,
  rangeProblems,
  todayIn,
  type CheckInSeries,
  type ClientProgress,
  type DateRange,
} from '@cairn/contracts';
import { DataSource, IsNull, Between } from 'typeorm';
import { MeasuresService } from '../assessments/measures.service';
import { RiskFlagsService } from '../assessments/risk-flags.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { displayNameOf, toTimelineEvent } from '../clients/client-views';
import { TimelineEventRecord } from '../clients/entities/timeline-event.entity';
import { Client } from '../clients/entities/client.entity';
import { clinicTimeZone } from '../clinics/clinic-time';
import { FieldValidationException } from '../http/api-exception.filter';
import { PolicyService } from '../policy/policy.service';
import { HomeworkService } from '../homework/homework.service';
import {
  attendanceSummary,
  checkInsInRange,
  homeworkInRange,
  riskSummary,
  seriesInRange,
  trustComparison,
  type AttendedAppointment,
} from './progress-maths';

/** Without a period asked for, the dashboard shows the last six months. */
const DEFAULT_DAYS = 182;

/**
 * The one source of a client's progress figures: the dashboard shows what this returns and a
 * report snapshots it, so the two never disagree. A handful of queries whatever the length of
 * care (no query per point).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PolicyService,
    private readonly measures: MeasuresService,
    private readonly riskFlags: RiskFlagsService,
    private readonly homework: HomeworkService,
    private readonly audit: AuditService,
  ) {}

  async forClient(
    actor: AuthenticatedUser,
    clientId: string,
    requested: Partial<DateRange> = {},
  ): Promise<ClientProgress> {
    const client = await this.policy.client(actor, clientId, 'viewClinical');
    const progress = await this.compute(actor, client, requested);
    await this.audit.record({
      action: 'progress.read',
      entityType: 'client',
      entityId: clientId,
      detail: { ...progress.range },
    });
    return progress;
  }

  /** For a client the caller has already been allowed to see clinically. */
  async compute(
    actor: AuthenticatedUser,
    client: Client,
    requested: Partial<DateRange>,
  ): Promise<ClientProgress> {
    const manager = this.dataSource.manager;
    const timeZone = await clinicTimeZone(manager, client.clinicId);
    const today = todayIn(timeZone);
    const range = resolveRange(requested, today);
    const partner = await this.partnerSeenBy(actor, client);
    // In sequence: once a request runs in one transaction, these share its one connection.
    const allSeries = await this.measures.seriesFor(client.id);
    const timeline = await manager.find(TimelineEventRecord, {
      where: {
        clientId: client.id,
        removedAt: IsNull(),
        occurredOn: Between(range.from, range.to),
      },
      order: { occurredOn: 'ASC' },
    });
    const flags = await this.riskFlags.list(
      manager,
      client.clinicId,
      { clientId: client.id },
      false,
    );
    const homework = await this.homework.reportData(manager, client.id, today);
    const partnerHomework = partner
      ? await this.homework.reportData(manager, partner.id, today)
      : null;
    const appointments = await this.appointmentsOf(client.id, range, timeZone);
    const checkIns: CheckInSeries[] = [
      {
        clientId: client.id,
        name: displayNameOf(client),
        partner: false,
        points: checkInsInRange(homework.repairCheckIns, range),
      },
    ];
    if (partner && partnerHomework) {
      checkIns.push({
        clientId: partner.id,
        name: displayNameOf(partner),
        partner: true,
        points: checkInsInRange(partnerHomework.repairCheckIns, range),
      });
    }
    return {
      client: {
        id: client.id,
        name: displayNameOf(client),
        legalName: client.legalName,
        dateOfBirth: client.dateOfBirth,
      },
      range,
      generatedAt: new Date().toISOString(),
      measures: seriesInRange(allSeries, range, timeZone).filter(
        (series) => series.instrumentCode !== 'TPI',
      ),
      trustPatterns: trustComparison(
        allSeries.find((series) => series.instrumentCode === 'TPI'),
        range,
        timeZone,
      ),
      homework: homeworkInRange(homework.assignments, range),
      checkIns: checkIns.filter((series) => series.points.length > 0),
      timeline: timeline.map(toTimelineEvent),
      attendance: attendanceSummary(appointments),
      risk: riskSummary(flags, range, timeZone),
    };
  }

  /**
   * The linked partner, when the caller also treats them: a couple's check-ins are read side by
   * side, but never by someone who may not see the partner's chart.
   */
  private async partnerSeenBy(actor: AuthenticatedUser, client: Client): Promise<Client | null> {
    if (!client.partnerId) return null;
    const partner = await this.dataSource.manager.findOneBy(Client, { id: client.partnerId });
    return partner && this.policy.seesClinical(actor, partner) ? partner : null;
  }

  /** The client's appointments in the period (as the client, or as a partner in couples work). */
  private appointmentsOf(
    clientId: string,
    range: DateRange,
    timeZone: string,
  ): Promise<AttendedAppointment[]> {
    return this.dataSource.query<AttendedAppointment[]>(
      `SELECT status, late_cancellation AS "lateCancellation"
         FROM appointments
        WHERE (client_id = $1 OR partner_client_id = $1)
          AND starts_at >= ($2::date)::timestamp AT TIME ZONE $4
          AND starts_at < ($3::date + 1)::timestamp AT TIME ZONE $4`,
      [clientId, range.from, range.to, timeZone],
    );
  }
}

/** The asked-for period, defaulting to the last six months; 400 when it makes no sense. */
export function resolveRange(requested: Partial<DateRange>, today: string): DateRange {
  const to = requested.to ?? today;
  const range = { from: requested.from ?? addDays(to, -DEFAULT_DAYS), to };
  const problems = rangeProblems(range);
  if (problems.length > 0) {
    throw new FieldValidationException([
      { field: problems[0]?.startsWith('from') ? 'from' : 'to', problems },
    ]);
  }
  return range;
}
