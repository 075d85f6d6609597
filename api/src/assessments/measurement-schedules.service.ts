import { Injectable } from '@nestjs/common';
import { addDays, todayIn, type IndexEvent, type MeasurementSchedule } from '@cairn/contracts';
import { type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import type { CreateScheduleDto } from './dto/assessment.dto';
import { Assessment } from './entities/assessment.entity';
import { MeasurementScheduleRecord } from './entities/measurement-schedule.entity';
import { instrumentFor } from './instrument-lookup';
import { FieldCipher } from '../crypto/field-cipher';
import { createSealed } from '../crypto/sealed-fields';
import { Db } from '../database/db.service';

const DUE_AFTER_SEND_DAYS = 7;

interface DueRow {
  id: string;
  time_zone: string;
}

/** The index event of the client's latest administration of an instrument, for repeat sends. */
async function latestIndexEvent(
  manager: EntityManager,
  clientId: string,
  instrumentCode: string,
): Promise<IndexEvent | null> {
  const latest = await manager
    .createQueryBuilder(Assessment, 'a')
    .where(
      'a.client_id = :clientId AND a.instrument_code = :instrumentCode AND a.index_event_sealed IS NOT NULL',
      { clientId, instrumentCode },
    )
    .orderBy('a.created_at', 'DESC')
    .getOne();
  return latest?.indexEvent ?? null;
}

function toView(record: MeasurementScheduleRecord): MeasurementSchedule {
  return {
    id: record.id,
    clientId: record.clientId,
    instrumentCode: record.instrumentCode,
    everyWeeks: record.everyWeeks,
    maxSends: record.maxSends,
    sendsMade: record.sendsMade,
    nextDueOn: record.nextDueOn,
    active: record.active,
  };
}

/**
 * Measurement-based care on a rhythm: an instrument goes to the client's portal every N weeks,
 * optionally a limited number of times. Sending happens when anyone looks at what is due (the
 * client's portal, the chart, the therapist's home), so no background job is needed.
 */
@Injectable()
export class MeasurementSchedulesService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async create(
    actor: AuthenticatedUser,
    clientId: string,
    dto: CreateScheduleDto,
  ): Promise<MeasurementSchedule> {
    const definition = instrumentFor(dto.instrumentCode);
    const record = await this.db.transaction(async (manager) => {
      await this.access.inFile(actor, clientId, 'measurement_schedule', 'create', {
        manager,
        lock: true,
      });
      if (
        definition.asksIndexEvent &&
        !(await latestIndexEvent(manager, clientId, definition.code))
      ) {
        throw new FieldValidationException([
          {
            field: 'instrumentCode',
            problems: [
              `give the ${definition.code} once with its index event first; the schedule reuses it`,
            ],
          },
        ]);
      }
      const saved = await manager.save(
        manager.create(MeasurementScheduleRecord, {
          clinicId: actor.clinicId,
          clientId,
          instrumentCode: definition.code,
          everyWeeks: dto.everyWeeks,
          maxSends: dto.maxSends ?? null,
          sendsMade: 0,
          nextDueOn: dto.startOn,
          active: true,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        {
          action: 'measurement_schedule.created',
          entityType: 'measurement_schedule',
          entityId: saved.id,
        },
        manager,
      );
      return saved;
    });
    await this.sendDue({ clientId });
    return toView(
      await this.db.manager.findOneByOrFail(MeasurementScheduleRecord, { id: record.id }),
    );
  }

  async list(actor: AuthenticatedUser, clientId: string): Promise<MeasurementSchedule[]> {
    await this.access.inFile(actor, clientId, 'measurement_schedule', 'view');
    const records = await this.db.manager.find(MeasurementScheduleRecord, {
      where: { clientId },
      order: { createdAt: 'DESC' },
    });
    await this.audit.record({
      action: 'measurement_schedule.listed',
      entityType: 'client',
      entityId: clientId,
      detail: { returned: records.length },
    });
    return records.map(toView);
  }

  async stop(actor: AuthenticatedUser, id: string): Promise<MeasurementSchedule> {
    return this.db.transaction(async (manager) => {
      const { record } = await this.access.load(actor, 'measurementSchedule', id, 'stop', {
        manager,
        lock: true,
      });
      await manager.update(MeasurementScheduleRecord, { id }, { active: false, nextDueOn: null });
      await this.audit.record(
        {
          action: 'measurement_schedule.stopped',
          entityType: 'measurement_schedule',
          entityId: id,
        },
        manager,
      );
      return toView({ ...record, active: false, nextDueOn: null });
    });
  }

  /**
   * Sends every schedule that has come due (in its clinic's time zone). Concurrent callers skip
   * each other's rows, so a send happens once. A client with nothing to send to (no portal
   * account, or discharged) is passed over until that changes; a send that would stack on an
   * unfinished one of the same instrument is skipped, and the schedule moves on.
   */
  async sendDue(
    scope: { clientId?: string; therapistId?: string; portalUserId?: string } = {},
    now = new Date(),
  ): Promise<number> {
    const due = await this.db.manager.query<DueRow[]>(
      `SELECT s.id, k.time_zone
         FROM measurement_schedules s
         JOIN clients c ON c.id = s.client_id
         JOIN clinics k ON k.id = s.clinic_id
        WHERE s.active AND s.next_due_on <= ($1::timestamptz AT TIME ZONE k.time_zone)::date
          AND c.portal_user_id IS NOT NULL AND c.status <> 'discharged'
          AND ($2::uuid IS NULL OR s.client_id = $2) AND ($3::uuid IS NULL OR c.primary_therapist_id = $3)
          AND ($4::uuid IS NULL OR c.portal_user_id = $4)`,
      [
        now.toISOString(),
        scope.clientId ?? null,
        scope.therapistId ?? null,
        scope.portalUserId ?? null,
      ],
    );
    let sent = 0;
    for (const row of due) {
      sent += await this.db.transaction((manager) =>
        this.sendOne(manager, row.id, todayIn(row.time_zone, now)),
      );
    }
    return sent;
  }

  private async sendOne(manager: EntityManager, id: string, today: string): Promise<number> {
    const schedule = await manager
      .createQueryBuilder(MeasurementScheduleRecord, 's')
      .setLock('pessimistic_write', undefined, ['s'])
      .setOnLocked('skip_locked')
      .where('s.id = :id AND s.active AND s.next_due_on <= :today', { id, today })
      .getOne();
    if (!schedule) return 0;
    const open = await manager.countBy(Assessment, {
      clientId: schedule.clientId,
      instrumentCode: schedule.instrumentCode,
      status: 'in_progress',
    });
    const sendsMade = schedule.sendsMade + (open ? 0 : 1);
    const finished = schedule.maxSends !== null && sendsMade >= schedule.maxSends;
    if (!open) {
      const definition = instrumentFor(schedule.instrumentCode);
      const assessment = await manager.save(
        createSealed(manager, this.cipher, Assessment, {
          clinicId: schedule.clinicId,
          clientId: schedule.clientId,
          instrumentCode: definition.code,
          instrumentVersion: definition.version,
          mode: 'portal',
          status: 'in_progress',
          answers: {},
          indexEvent: await latestIndexEvent(manager, schedule.clientId, definition.code),
          dueOn: addDays(today, DUE_AFTER_SEND_DAYS),
          replacesId: null,
          scheduleId: schedule.id,
          createdBy: schedule.createdBy,
          completedAt: null,
          completedBy: null,
          result: null,
          total: null,
          sharedWithClient: false,
        }),
      );
      await this.audit.record(
        {
          action: 'assessment.created',
          entityType: 'assessment',
          entityId: assessment.id,
          actor: null,
          clinicId: schedule.clinicId,
          detail: { schedule: schedule.id },
        },
        manager,
      );
    }
    await manager.update(
      MeasurementScheduleRecord,
      { id },
      {
        sendsMade,
        active: !finished,
        nextDueOn: finished ? null : addDays(schedule.nextDueOn ?? today, schedule.everyWeeks * 7),
      },
    );
    return open ? 0 : 1;
  }
}
