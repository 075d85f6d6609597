import { Injectable } from '@nestjs/common';
import { addDays, weekOf, type DeteriorationAlert, type LowAdherenceAlert } from '@cairn/contracts';
import { In, MoreThanOrEqual } from 'typeorm';
import { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { toSeries } from '../assessments/measures.service';
import { displayNameOf } from '../clients/client-views';
import { Client } from '../clients/entities/client.entity';
import { HomeworkAssignmentRecord } from '../homework/entities/homework-assignment.entity';
import { doneByAssignment } from '../homework/homework.service';
import { toAssignment } from '../homework/homework-views';
import { reliablyWorse } from '../progress/progress-maths';
import { Db } from '../database/db.service';

/** Below this share of the last four weeks' homework, a client is listed on the home. */
export const LOW_ADHERENCE_RATE = 0.5;
/** Fewer expected occurrences than this say too little to raise a concern. */
const MIN_EXPECTED = 3;

/**
 * What the progress figures say needs the therapist's attention across the caseload, computed
 * for all clients at once (a few queries, not a few per client).
 */
@Injectable()
export class CaseloadAlertsService {
  constructor(private readonly db: Db) {}

  async forTherapist(
    therapistId: string,
    today: string,
  ): Promise<{ deteriorating: DeteriorationAlert[]; lowAdherence: LowAdherenceAlert[] }> {
    const clients = await this.db.manager.find(Client, {
      where: { primaryTherapistId: therapistId, status: In(['active', 'paused']) },
    });
    if (clients.length === 0) return { deteriorating: [], lowAdherence: [] };
    const ids = clients.map((client) => client.id);
    const names = new Map(clients.map((client) => [client.id, displayNameOf(client)]));
    const deteriorating = await this.deteriorating(ids, names);
    const lowAdherence = await this.lowAdherence(ids, names, today);
    return { deteriorating, lowAdherence };
  }

  private async deteriorating(
    clientIds: string[],
    names: Map<string, string>,
  ): Promise<DeteriorationAlert[]> {
    // Totals and bands only: the alerts never open a caseload's sealed answers.
    const rows = await this.db.manager
      .createQueryBuilder(Assessment, 'a')
      .select([
        'a.id',
        'a.clientId',
        'a.instrumentCode',
        'a.instrumentVersion',
        'a.result',
        'a.total',
        'a.completedAt',
        'a.createdAt',
      ])
      .where(`a.client_id IN (:...clientIds) AND a.status = 'completed'`, { clientIds })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM assessments c WHERE c.replaces_id = a.id AND c.status = 'completed')`,
      )
      .orderBy('a.completed_at', 'ASC')
      .getMany();
    const groups = new Map<string, Assessment[]>();
    for (const row of rows) {
      const key = `${row.clientId}|${row.instrumentCode}`;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    const alerts: DeteriorationAlert[] = [];
    for (const [key, administrations] of groups) {
      const [clientId = '', code = ''] = key.split('|');
      for (const series of reliablyWorse([
        toSeries(storedInstrument(code), administrations, false),
      ])) {
        alerts.push({
          clientId,
          clientName: names.get(clientId) ?? '',
          instrumentCode: series.instrumentCode,
          instrumentTitle: series.title,
          delta: series.points.at(-1)?.fromBaseline?.delta ?? 0,
        });
      }
    }
    return alerts.sort((a, b) => a.clientName.localeCompare(b.clientName));
  }

  private async lowAdherence(
    clientIds: string[],
    names: Map<string, string>,
    today: string,
  ): Promise<LowAdherenceAlert[]> {
    const since = weekOf(addDays(today, -27));
    // Assignments whose dates reach into the last four weeks (closed ones still count up to
    // the day they were closed).
    const assignments = (
      await this.db.manager.find(HomeworkAssignmentRecord, {
        where: { clientId: In(clientIds), endsOn: MoreThanOrEqual(since) },
        relations: { template: true },
      })
    ).filter((assignment) => !assignment.closedOn || assignment.closedOn >= since);
    const done = await doneByAssignment(
      this.db.manager,
      assignments.map((assignment) => assignment.id),
    );
    const totals = new Map<string, { done: number; expected: number }>();
    for (const record of assignments) {
      if (!record.template) continue;
      const view = toAssignment(record, record.template, done.get(record.id) ?? [], today);
      const sum = totals.get(record.clientId) ?? { done: 0, expected: 0 };
      for (const week of view.weeks.filter((item) => item.weekOf >= since)) {
        sum.done += week.done;
        sum.expected += week.expected;
      }
      totals.set(record.clientId, sum);
    }
    return [...totals.entries()]
      .filter(
        ([, sum]) => sum.expected >= MIN_EXPECTED && sum.done / sum.expected < LOW_ADHERENCE_RATE,
      )
      .map(([clientId, sum]) => ({ clientId, clientName: names.get(clientId) ?? '', ...sum }))
      .sort((a, b) => a.clientName.localeCompare(b.clientName));
  }
}
