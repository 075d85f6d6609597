import { Injectable } from '@nestjs/common';
import {
  addDays,
  rangeProblems,
  todayIn,
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
import type { Client } from '../clients/entities/client.entity';
import { Clinic } from '../clinics/entities/clinic.entity';
import { FieldValidationException } from '../http/api-exception.filter';
import { PolicyService } from '../policy/policy.service';
import { riskSummary, seriesInRange, trustComparison } from './progress-maths';

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
    private readonly audit: AuditService,
  ) {}

  async forClient(
    actor: AuthenticatedUser,
    clientId: string,
    requested: Partial<DateRange> = {},
  ): Promise<ClientProgress> {
    const client = await this.policy.client(actor, clientId, 'viewClinical');
    const progress = await this.compute(client, requested);
    await this.audit.record({
      action: 'progress.read',
      entityType: 'client',
      entityId: clientId,
      detail: { ...progress.range },
    });
    return progress;
  }

  /** For a client the caller has already been allowed to see clinically. */
  async compute(client: Client, requested: Partial<DateRange>): Promise<ClientProgress> {
    const clinic = await this.dataSource.manager.findOneByOrFail(Clinic, { id: client.clinicId });
    const timeZone = clinic.timeZone;
    const range = resolveRange(requested, todayIn(timeZone));
    const [allSeries, timeline, flags] = await Promise.all([
      this.measures.seriesFor(client.id),
      this.dataSource.manager.find(TimelineEventRecord, {
        where: {
          clientId: client.id,
          removedAt: IsNull(),
          occurredOn: Between(range.from, range.to),
        },
        order: { occurredOn: 'ASC' },
      }),
      this.riskFlags.list(this.dataSource.manager, client.clinicId, { clientId: client.id }, false),
    ]);
    const measures = seriesInRange(allSeries, range, timeZone);
    return {
      client: {
        id: client.id,
        name: displayNameOf(client),
        legalName: client.legalName,
        dateOfBirth: client.dateOfBirth,
      },
      range,
      generatedAt: new Date().toISOString(),
      measures: measures.filter((series) => series.instrumentCode !== 'TPI'),
      trustPatterns: trustComparison(
        allSeries.find((series) => series.instrumentCode === 'TPI'),
        range,
        timeZone,
      ),
      homework: { weeks: [], expected: 0, done: 0, rate: null },
      checkIns: [],
      timeline: timeline.map(toTimelineEvent),
      attendance: { completed: 0, cancelled: 0, lateCancelled: 0, noShow: 0, attendanceRate: null },
      risk: riskSummary(flags, range, timeZone),
    };
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
