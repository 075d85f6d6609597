import { Injectable } from '@nestjs/common';
import {
  addDays,
  MAX_PROGRESS_YEARS,
  rangeProblems,
  todayIn,
  type CheckInSeries,
  type ClientProgress,
  type DateRange,
} from '@cairn/contracts';
import { IsNull, Between } from 'typeorm';
import { MeasuresService } from '../assessments/measures.service';
import { RiskFlagsService } from '../assessments/risk-flags.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { displayNameOf, toTimelineEvent } from '../clients/client-views';
import { TimelineEventRecord } from '../clients/entities/timeline-event.entity';
import { Client } from '../clients/entities/client.entity';
import { clinicTimeZone } from '../clinics/clinic-time';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { tiesOf } from '../access/record-loaders';
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
import { Db } from '../database/db.service';

/** Without a period asked for and no start of care known, the last six months. */
const DEFAULT_DAYS = 182;

/**
 * The one source of a client's progress figures: the dashboard shows what this returns and a
 * report snapshots it, so the two never disagree. A handful of queries whatever the length of
 * care (no query per point).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
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
    const { record: client } = await this.access.load(actor, 'client', clientId, 'read_progress');
    const progress = await this.compute(actor, client, requested);
    await this.audit.record({
      action: 'progress.viewed',
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
    const manager = this.db.manager;
    const timeZone = await clinicTimeZone(manager, client.clinicId);
    const today = todayIn(timeZone);
    // Without a period asked for, the charts run from the start of care: the intake date, or the
    // clinic's date the client was added. A client who began two months ago sees two months.
    const startOfCare = client.intakeDate ?? todayIn(timeZone, client.createdAt);
    const range = resolveRange(requested, today, startOfCare);
    const partner = await this.partnerSeenBy(actor, client);
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
    const partner = await this.db.manager.findOneBy(Client, { id: client.partnerId });
    if (!partner) return null;
    const facts = { clinicId: partner.clinicId, client: tiesOf(partner, null) };
    return this.access.can(actor, 'client', facts).includes('read_progress') ? partner : null;
  }

  /** The client's appointments in the period (as the client, or as a partner in couples work). */
  private appointmentsOf(
    clientId: string,
    range: DateRange,
    timeZone: string,
  ): Promise<AttendedAppointment[]> {
    return this.db.manager.query<AttendedAppointment[]>(
      `SELECT status, late_cancellation AS "lateCancellation"
         FROM appointments
        WHERE (client_id = $1 OR partner_client_id = $1)
          AND starts_at >= ($2::date)::timestamp AT TIME ZONE $4
          AND starts_at < ($3::date + 1)::timestamp AT TIME ZONE $4`,
      [clientId, range.from, range.to, timeZone],
    );
  }
}

/**
 * The asked-for period, by default from the start of care (at most the longest period; the last
 * six months when care has no start on or before `to`); 400 when it makes no sense.
 */
export function resolveRange(
  requested: Partial<DateRange>,
  today: string,
  startOfCare: string | null = null,
): DateRange {
  const to = requested.to ?? today;
  const longest = addDays(to, -Math.floor(MAX_PROGRESS_YEARS * 365.25));
  const fromCare =
    startOfCare && startOfCare <= to ? (startOfCare < longest ? longest : startOfCare) : null;
  const range = { from: requested.from ?? fromCare ?? addDays(to, -DEFAULT_DAYS), to };
  const problems = rangeProblems(range);
  if (problems.length > 0) {
    throw new FieldValidationException([
      { field: problems[0]?.startsWith('from') ? 'from' : 'to', problems },
    ]);
  }
  return range;
}
