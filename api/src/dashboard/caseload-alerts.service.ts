import { Injectable } from '@nestjs/common';
import { addDays, weekOf, type DeteriorationAlert, type LowAdherenceAlert } from '@cairn/contracts';
import { In, MoreThanOrEqual } from 'typeorm';
import { Assessment } from '../assessments/entities/assessment.entity';
import { storedInstrument } from '../assessments/instrument-lookup';
import { NOT_REPLACED } from '../assessments/measure-rows';
import { toSeries } from '../assessments/measures.service';
import { displayNameOf } from '../clients/client-views';
import { HomeworkAssignmentRecord } from '../homework/entities/homework-assignment.entity';
import { doneByAssignment } from '../homework/homework.service';
import { toAssignment } from '../homework/homework-views';
import { reliablyWorse } from '../progress/progress-maths';
import { Db } from '../database/db.service';
import type { DeterioratingFact } from './entities/client-alert-facts.entity';

/** Below this share of the last four weeks' homework, a client is listed on the home. */
export const LOW_ADHERENCE_RATE = 0.5;
/** Fewer expected occurrences than this say too little to raise a concern. */
const MIN_EXPECTED = 3;
/** Clients recomputed per round trip (a bulk import may have marked thousands). */
const REFRESH_BATCH = 500;

/**
 * A facts row with something to show. Written exactly as the predicate of
 * client_alert_facts_attention_idx (AlertFacts migration), so the planner reads that index.
 */
const ATTENTION = `(f.deteriorating <> '[]'::jsonb OR (f.homework_expected >= ${MIN_EXPECTED} AND f.homework_done < ${LOW_ADHERENCE_RATE} * f.homework_expected))`;

/** A client's facts as computed from their scores and homework for one clinic day. */
export interface ComputedFacts {
  deteriorating: DeterioratingFact[];
  done: number;
  expected: number;
  /** Some homework still reaches into the four-week window: recompute tomorrow. */
  counting: boolean;
}

interface ShownRow {
  client_id: string;
  legal_name: string;
  preferred_name: string | null;
  deteriorating: DeterioratingFact[];
  homework_done: number;
  homework_expected: number;
}

const byName = <T extends { clientName: string; clientId: string }>(a: T, b: T) =>
  a.clientName.localeCompare(b.clientName) || a.clientId.localeCompare(b.clientId);

/**
 * What the progress figures say needs the therapist's attention across the caseload. Read from
 * client_alert_facts: triggers mark a client's row when their scores or homework are written, and
 * this service recomputes the marked rows of the caseload (and rows whose homework rolled into a
 * new clinic day) before reading the rows with something to show. The cost follows what changed
 * and what is shown, not the size of the caseload.
 */
@Injectable()
export class CaseloadAlertsService {
  constructor(private readonly db: Db) {}

  async forTherapist(
    clinicId: string,
    therapistId: string,
    today: string,
  ): Promise<{ deteriorating: DeteriorationAlert[]; lowAdherence: LowAdherenceAlert[] }> {
    await this.refreshDue(clinicId, therapistId, today);
    const rows = await this.db.manager.query<ShownRow[]>(
      `SELECT f.client_id, c.legal_name, c.preferred_name, f.deteriorating, f.homework_done, f.homework_expected
         FROM client_alert_facts f
         JOIN clients c ON c.id = f.client_id
        WHERE f.clinic_id = $1 AND c.primary_therapist_id = $2 AND c.status IN ('active', 'paused')
          AND ${ATTENTION}`,
      [clinicId, therapistId],
    );
    const deteriorating: DeteriorationAlert[] = [];
    const lowAdherence: LowAdherenceAlert[] = [];
    for (const row of rows) {
      const clientName = displayNameOf({
        legalName: row.legal_name,
        preferredName: row.preferred_name,
      });
      for (const fact of row.deteriorating)
        deteriorating.push({ clientId: row.client_id, clientName, ...fact });
      if (lowFollowThrough(row.homework_done, row.homework_expected))
        lowAdherence.push({
          clientId: row.client_id,
          clientName,
          done: row.homework_done,
          expected: row.homework_expected,
        });
    }
    return { deteriorating: deteriorating.sort(byName), lowAdherence: lowAdherence.sort(byName) };
  }

  /**
   * Recomputes the caseload's rows that are stale by today (marked by a write, or homework facts
   * of an earlier day). A row marked again by a write that committed meanwhile keeps its mark
   * (`changes` no longer matches), so it is recomputed next time rather than left wrong. Rows a
   * writer holds are skipped, not waited for (the writer marks them again): the home never
   * waits on a write, so it cannot deadlock with one.
   */
  private async refreshDue(clinicId: string, therapistId: string, today: string): Promise<void> {
    const due = await this.db.manager.query<{ client_id: string; changes: number }[]>(
      `SELECT f.client_id, f.changes
         FROM client_alert_facts f
         JOIN clients c ON c.id = f.client_id
        WHERE f.clinic_id = $1 AND f.refresh_on <= $3::date AND c.primary_therapist_id = $2`,
      [clinicId, therapistId, today],
    );
    for (let start = 0; start < due.length; start += REFRESH_BATCH) {
      const batch = due.slice(start, start + REFRESH_BATCH);
      const computed = await this.compute(
        batch.map((row) => row.client_id),
        today,
      );
      const values = batch.map((row) => {
        const facts = computed.get(row.client_id) ?? noFacts();
        return {
          client_id: row.client_id,
          changes: row.changes,
          deteriorating: facts.deteriorating,
          done: facts.done,
          expected: facts.expected,
          counting: facts.counting,
        };
      });
      await this.db.manager.query(
        `UPDATE client_alert_facts f
            SET deteriorating = v.deteriorating, homework_done = v.done, homework_expected = v.expected,
                computed_on = $2::date, refresh_on = CASE WHEN v.counting THEN $2::date + 1 END
           FROM jsonb_to_recordset($1::jsonb)
                AS v(client_id uuid, changes int, deteriorating jsonb, done int, expected int, counting boolean)
          WHERE f.client_id = v.client_id AND f.changes = v.changes
            AND f.client_id IN (SELECT l.client_id FROM client_alert_facts l
                                 WHERE l.client_id = ANY($3::uuid[]) FOR UPDATE SKIP LOCKED)`,
        [JSON.stringify(values), today, batch.map((row) => row.client_id)],
      );
    }
  }

  /** The facts of these clients from their full history, as of `today`. */
  async compute(clientIds: string[], today: string): Promise<Map<string, ComputedFacts>> {
    const facts = new Map<string, ComputedFacts>();
    const of = (clientId: string) => {
      const existing = facts.get(clientId);
      if (existing) return existing;
      const created = noFacts();
      facts.set(clientId, created);
      return created;
    };
    if (clientIds.length === 0) return facts;
    for (const [clientId, list] of await this.deteriorating(clientIds))
      of(clientId).deteriorating = list;
    for (const [clientId, sum] of await this.homework(clientIds, today))
      Object.assign(of(clientId), sum);
    return facts;
  }

  private async deteriorating(clientIds: string[]): Promise<Map<string, DeterioratingFact[]>> {
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
      .andWhere(NOT_REPLACED)
      .orderBy('a.completed_at', 'ASC')
      .getMany();
    const groups = new Map<string, Assessment[]>();
    for (const row of rows) {
      const key = `${row.clientId}|${row.instrumentCode}`;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    const alerts = new Map<string, DeterioratingFact[]>();
    for (const [key, administrations] of groups) {
      const [clientId = '', code = ''] = key.split('|');
      for (const series of reliablyWorse([toSeries(storedInstrument(code), administrations)])) {
        const list = alerts.get(clientId) ?? [];
        list.push({
          instrumentCode: series.instrumentCode,
          instrumentTitle: series.title,
          delta: series.points.at(-1)?.fromBaseline?.delta ?? 0,
        });
        alerts.set(clientId, list);
      }
    }
    return alerts;
  }

  private async homework(
    clientIds: string[],
    today: string,
  ): Promise<Map<string, { done: number; expected: number; counting: boolean }>> {
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
    const totals = new Map<string, { done: number; expected: number; counting: boolean }>();
    for (const record of assignments) {
      const sum = totals.get(record.clientId) ?? { done: 0, expected: 0, counting: true };
      totals.set(record.clientId, sum);
      if (!record.template) continue;
      const view = toAssignment(record, record.template, done.get(record.id) ?? [], today);
      for (const week of view.weeks.filter((item) => item.weekOf >= since)) {
        sum.done += week.done;
        sum.expected += week.expected;
      }
    }
    return totals;
  }
}

function noFacts(): ComputedFacts {
  return { deteriorating: [], done: 0, expected: 0, counting: false };
}

function lowFollowThrough(done: number, expected: number): boolean {
  return expected >= MIN_EXPECTED && done / expected < LOW_ADHERENCE_RATE;
}
