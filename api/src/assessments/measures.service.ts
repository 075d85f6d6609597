import { Injectable } from '@nestjs/common';
import type { MeasurePoint, MeasureSeries, ScaleAnchors } from '@cairn/contracts';
import {
  changeBetween,
  findInstrument,
  INSTRUMENTS,
  interpretAnswers,
  thresholdPoints,
  type InstrumentDefinition,
} from '@cairn/instruments';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { AccessService } from '../access/access.service';
import { clinicTimeZone } from '../clinics/clinic-time';
import { seriesInRange } from '../progress/progress-maths';
import { storedInstrument } from './instrument-lookup';
import { Db } from '../database/db.service';
import { FieldCipher } from '../crypto/field-cipher';
import { completedAdministrations, type SeriesAdministration } from './measure-rows';

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
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async forClient(
    actor: AuthenticatedUser,
    clientId: string,
    range: MeasureRange = {},
  ): Promise<MeasureSeries[]> {
    const { record: client } = await this.access.inFile(actor, clientId, 'assessment', 'read');
    // Change is always measured from the first score of treatment: the whole course is read, and
    // only then cut to the clinic dates asked for (as the dashboard and the report do).
    const all = await this.seriesFor(clientId);
    const series =
      range.from || range.to
        ? seriesInRange(
            all,
            { from: range.from ?? '0001-01-01', to: range.to ?? '9999-12-31' },
            await clinicTimeZone(this.db.manager, client.clinicId),
          )
        : all;
    await this.audit.record({
      action: 'measures.viewed',
      entityType: 'client',
      entityId: clientId,
    });
    return series;
  }

  /**
   * For a caller the access layer has already let read the client's scores: the whole course,
   * so that change is measured from the first score of treatment; callers cut it to clinic dates
   * with `seriesInRange`.
   */
  async seriesFor(clientId: string): Promise<MeasureSeries[]> {
    const rows = await completedAdministrations(this.db.manager, this.cipher, clientId);
    const byInstrument = new Map<string, SeriesAdministration[]>();
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
  /** Read for totals only (the alerts), or with answers only where charted: no readings then. */
  administrations: SeriesAdministration[],
): MeasureSeries {
  const scored = definition.kind === 'scored' ? administrations.filter((item) => item.result) : [];
  const baseline = scored[0]?.total ?? null;
  // Pattern names as the current version words them: a label a version has since changed
  // because it blamed ("Testing and checking") is not shown again; what was scored is unchanged.
  const labels = new Map(definition.subscales.map((subscale) => [subscale.id, subscale.label]));
  const points: MeasurePoint[] = scored.map((item, index) => {
    const previous = index > 0 ? (scored[index - 1]?.total ?? null) : null;
    const total = item.total;
    const given = findInstrument(item.instrumentCode, item.instrumentVersion) ?? definition;
    const read = item.answers ? interpretAnswers(given, item.answers) : null;
    return {
      assessmentId: item.id,
      completedAt: (item.completedAt ?? item.createdAt).toISOString(),
      total,
      severity: item.result?.severity ?? null,
      subscales: (item.result?.subscales ?? []).map((subscale) => ({
        ...subscale,
        label: labels.get(subscale.id) ?? subscale.label,
      })),
      diagnostic: item.result?.diagnostic ?? [],
      context: read?.context ?? [],
      notes: read?.notes ?? [],
      version: item.instrumentVersion,
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
    higherIsBetter: definition.higherIsBetter ?? false,
    interpretation: definition.interpretation?.note ?? null,
    scale: scaleAnchors(definition),
    points,
  };
}

/** The real anchors of an instrument's rated items (the first scale its items use). */
export function scaleAnchors(definition: InstrumentDefinition): ScaleAnchors | null {
  const first = definition.items.find((item) => item.kind === 'scale' && !item.unscored);
  const options = first?.kind === 'scale' ? (definition.scales[first.scale] ?? []) : [];
  const low = options[0];
  const high = options[options.length - 1];
  return low && high
    ? { min: low.value, minLabel: low.label, max: high.value, maxLabel: high.label }
    : null;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
