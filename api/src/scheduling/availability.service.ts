import { Injectable } from '@nestjs/common';
import {
  LIVE_APPOINTMENT_STATUSES,
  MAX_APPOINTMENT_MINUTES,
  isTimeZone,
  minutesOf,
  timeOf,
  type FieldProblem,
  type FreeSlots,
  type TherapistAvailability,
} from '@cairn/contracts';
import { And, DataSource, In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { clinicTimeZone } from '../clinics/clinic-time';
import { FieldValidationException } from '../http/api-exception.filter';
import {
  freeStarts,
  workingSpans,
  type AvailabilityRules,
  type Span,
} from './availability-windows';
import type { PutAvailabilityDto } from './dto/availability.dto';
import type { SlotQueryDto } from './dto/appointment.dto';
import { Appointment } from './entities/appointment.entity';
import { AvailabilityExceptionRecord } from './entities/availability-exception.entity';
import { WeeklyHoursRecord } from './entities/weekly-hours.entity';
import { visibleTherapist } from './schedule-access';

const MAX_SLOT_RANGE_MS = 31 * 86_400_000;
const SLOT_STEP_MINUTES = 15;

/** Therapists' working hours and the free slots they leave. */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: AuthenticatedUser, therapistId: string): Promise<TherapistAvailability> {
    const manager = this.dataSource.manager;
    await visibleTherapist(manager, actor, therapistId);
    return this.view(manager, actor.clinicId, therapistId);
  }

  /** Replaces the weekly hours and exceptions as a whole. */
  async put(
    actor: AuthenticatedUser,
    therapistId: string,
    dto: PutAvailabilityDto,
  ): Promise<TherapistAvailability> {
    return this.dataSource.transaction(async (manager) => {
      await visibleTherapist(manager, actor, therapistId);
      const timeZone = await clinicTimeZone(manager, actor.clinicId);
      assertAvailability(dto, timeZone);
      await manager.delete(WeeklyHoursRecord, { therapistId });
      await manager.delete(AvailabilityExceptionRecord, { therapistId });
      if (dto.weekly.length)
        await manager.insert(
          WeeklyHoursRecord,
          dto.weekly.map((block) => ({
            therapistId,
            weekday: block.weekday,
            startsAt: minutesOf(block.start),
            endsAt: minutesOf(block.end),
          })),
        );
      if (dto.exceptions.length)
        await manager.insert(
          AvailabilityExceptionRecord,
          dto.exceptions.map((exception) => ({
            therapistId,
            onDate: exception.date,
            kind: exception.kind,
            startsAt: exception.start ? minutesOf(exception.start) : null,
            endsAt: exception.end ? minutesOf(exception.end) : null,
            note: exception.note ?? null,
          })),
        );
      await this.audit.record(
        {
          action: 'availability.updated',
          entityType: 'therapist',
          entityId: therapistId,
          detail: { blocks: dto.weekly.length, exceptions: dto.exceptions.length },
        },
        manager,
      );
      return this.view(manager, actor.clinicId, therapistId);
    });
  }

  async rules(manager: EntityManager, therapistId: string): Promise<AvailabilityRules> {
    // One after the other: `manager` may be a transaction's, and one connection runs one query
    // at a time (pg warns today and refuses from version 9).
    const weekly = await manager.find(WeeklyHoursRecord, {
      where: { therapistId },
      order: { weekday: 'ASC', startsAt: 'ASC' },
    });
    const exceptions = await manager.find(AvailabilityExceptionRecord, {
      where: { therapistId },
      order: { onDate: 'ASC', startsAt: 'ASC' },
    });
    return {
      weekly: weekly.map((block) => ({
        weekday: block.weekday,
        start: timeOf(block.startsAt),
        end: timeOf(block.endsAt),
      })),
      exceptions: exceptions.map((exception) => ({
        date: exception.onDate,
        kind: exception.kind,
        start: exception.startsAt === null ? null : timeOf(exception.startsAt),
        end: exception.endsAt === null ? null : timeOf(exception.endsAt),
        note: exception.note,
      })),
    };
  }

  /** Working time of a therapist between two instants. */
  async working(
    manager: EntityManager,
    therapistId: string,
    timeZone: string,
    from: Date,
    to: Date,
  ): Promise<Span[]> {
    return workingSpans(await this.rules(manager, therapistId), timeZone, from, to);
  }

  async slots(actor: AuthenticatedUser, query: SlotQueryDto): Promise<FreeSlots> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from)
      throw new FieldValidationException([{ field: 'to', problems: ['to must be after from'] }]);
    if (to.getTime() - from.getTime() > MAX_SLOT_RANGE_MS)
      throw new FieldValidationException([
        { field: 'to', problems: ['to must be at most 31 days after from'] },
      ]);
    const manager = this.dataSource.manager;
    await visibleTherapist(manager, actor, query.therapistId);
    const timeZone = await clinicTimeZone(manager, actor.clinicId);
    const working = await this.working(manager, query.therapistId, timeZone, from, to);
    const taken = await manager.find(Appointment, {
      select: { startsAt: true, endsAt: true },
      where: {
        therapistId: query.therapistId,
        status: In([...LIVE_APPOINTMENT_STATUSES]),
        startsAt: And(
          LessThan(to),
          MoreThan(new Date(from.getTime() - MAX_APPOINTMENT_MINUTES * 60_000)),
        ),
        endsAt: MoreThan(from),
      },
    });
    const slots = freeStarts(
      working,
      taken.map((appointment) => ({
        start: appointment.startsAt.getTime(),
        end: appointment.endsAt.getTime(),
      })),
      { durationMinutes: query.duration, stepMinutes: SLOT_STEP_MINUTES, notBefore: Date.now() },
    );
    return {
      therapistId: query.therapistId,
      timeZone,
      duration: query.duration,
      slots: slots.map((slot) => ({
        start: new Date(slot.start).toISOString(),
        end: new Date(slot.end).toISOString(),
      })),
    };
  }

  private async view(
    manager: EntityManager,
    clinicId: string,
    therapistId: string,
  ): Promise<TherapistAvailability> {
    const timeZone = await clinicTimeZone(manager, clinicId);
    const rules = await this.rules(manager, therapistId);
    return { therapistId, timeZone, weekly: [...rules.weekly], exceptions: [...rules.exceptions] };
  }
}

/** What the DTO cannot say alone: block order, paired times, and the clinic's zone. */
function assertAvailability(dto: PutAvailabilityDto, clinicZone: string): void {
  const problems: FieldProblem[] = [];
  if (!isTimeZone(dto.timeZone))
    problems.push({ field: 'timeZone', problems: ['timeZone is not a known IANA time zone'] });
  else if (dto.timeZone !== clinicZone)
    problems.push({
      field: 'timeZone',
      problems: [`working hours are kept in the clinic's time zone (${clinicZone})`],
    });
  dto.weekly.forEach((block, index) => {
    if (minutesOf(block.end) <= minutesOf(block.start))
      problems.push({ field: `weekly.${index}.end`, problems: ['end must be after start'] });
  });
  dto.exceptions.forEach((exception, index) => {
    const field = `exceptions.${index}`;
    if (!exception.start !== !exception.end)
      problems.push({ field, problems: ['give both start and end, or neither for a whole day'] });
    else if (
      exception.start &&
      exception.end &&
      minutesOf(exception.end) <= minutesOf(exception.start)
    )
      problems.push({ field: `${field}.end`, problems: ['end must be after start'] });
    if (exception.kind === 'extra_hours' && !exception.start)
      problems.push({ field, problems: ['extra hours need a start and an end'] });
  });
  if (problems.length) throw new FieldValidationException(problems);
}
