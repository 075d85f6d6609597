import { Injectable } from '@nestjs/common';
import type { MeasurePoint, MeasureSeries } from '@cairn/contracts';
import {
  changeBetween,
  INSTRUMENTS,
  thresholdPoints,
  type InstrumentDefinition,
} from '@cairn/instruments';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { PolicyService } from '../policy/policy.service';
import { Assessment } from './entities/assessment.entity';
import { storedInstrument } from './instrument-lookup';
import { Db } from '../database/db.service';

export interface MeasureRange {
  from?: string;
  to?: string;
}

/**
 * Each scored instrument's completed results over time, with change from baseline and from the
 * previous administration judged against the instrument's reliable and meaningful thresholds.
 * An administration that a completed correction replaced is left out.
 */
@Injectable()
export class MeasuresService {
  constructor(
    private readonly db: Db,
    private readonly policy: PolicyService,
    private readonly audit: AuditService,
  ) {}

  async forClient(
    actor: AuthenticatedUser,
    clientId: string,
    range: MeasureRange = {},
  ): Promise<MeasureSeries[]> {
    await this.policy.client(actor, clientId, 'viewClinical');
    const series = await this.seriesFor(clientId, range);
    await this.audit.record({ action: 'measures.read', entityType: 'client', entityId: clientId });
    return series;
  }

  /** For a caller the policy has already let see the client's clinical content. */
  async seriesFor(clientId: string, range: MeasureRange = {}): Promise<MeasureSeries[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Assessment, 'a')
      .where(`a.client_id = :clientId AND a.status = 'completed'`, { clientId })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM assessments c WHERE c.replaces_id = a.id AND c.status = 'completed')`,
      )
      .andWhere(range.from ? 'a.completed_at >= :from' : 'TRUE', { from: range.from })
      .andWhere(range.to ? `a.completed_at < (:to::date + 1)` : 'TRUE', { to: range.to })
      .orderBy('a.completed_at', 'ASC')
      .getMany();
    const byInstrument = new Map<string, Assessment[]>();
    for (const row of rows) {
      const group = byInstrument.get(row.instrumentCode);
      if (group) group.push(row);
      else byInstrument.set(row.instrumentCode, [row]);
    }
    const order = (code: string) => INSTRUMENTS.findIndex((instrument) => instrument.code === code);
    return [...byInstrument.entries()]
      .sort(([a], [b]) => order(a) - order(b))
      .map(([code, administrations]) => toSeries(storedInstrument(code), administrations))
      .filter((series) => series.points.length > 0);
  }
}

export function toSeries(
  definition: InstrumentDefinition,
  administrations: Assessment[],
): MeasureSeries {
  const scored = definition.kind === 'scored' ? administrations.filter((item) => item.result) : [];
  const baseline = scored[0]?.total ?? null;
  const points: MeasurePoint[] = scored.map((item, index) => {
    const previous = index > 0 ? (scored[index - 1]?.total ?? null) : null;
    const total = item.total;
    return {
      assessmentId: item.id,
      completedAt: (item.completedAt ?? item.createdAt).toISOString(),
      total,
      severity: item.result?.severity ?? null,
      subscales: item.result?.subscales ?? [],
      fromBaseline:
        index > 0 && total !== null && baseline !== null
          ? changeBetween(definition, baseline, total)
          : null,
      fromPrevious:
        total !== null && previous !== null ? changeBetween(definition, previous, total) : null,
    };
  });
  return {
    instrumentCode: definition.code,
    title: definition.title,
    clinicalAid: definition.clinicalAid,
    minTotal: definition.total?.min ?? null,
    maxTotal: definition.total?.max ?? null,
    bands: definition.severityBands.map(({ min, max, label, level }) => ({
      min,
      max,
      label,
      level,
    })),
    cutoffs: definition.cutoffs.map(({ score, label }) => ({ score, label })),
    reliableChangePoints: definition.reliableChange
      ? round1(thresholdPoints(definition.reliableChange))
      : null,
    meaningfulChangePoints: definition.meaningfulChange
      ? round1(thresholdPoints(definition.meaningfulChange))
      : null,
    thresholdCitations: [
      definition.reliableChange?.citation,
      definition.meaningfulChange?.citation,
    ].filter((citation): citation is string => !!citation),
    points,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
