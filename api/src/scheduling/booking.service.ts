import { ConflictException, Injectable } from '@nestjs/common';
import {
  LIVE_APPOINTMENT_STATUSES,
  MAX_APPOINTMENT_MINUTES,
  type AppointmentView,
  type BookingResult,
} from '@cairn/contracts';
import { In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client as ClientEntity, type Client } from '../clients/entities/client.entity';
import { assertAssignable } from '../clients/therapist-check';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { appointmentFacts } from '../access/record-loaders';
import { SafetyReviewsService } from '../safety/safety-reviews.service';
import { User } from '../users/entities/user.entity';
import { toAppointmentView } from './appointment-views';
import { withinSpans, type Span } from './availability-windows';
import {
  assertParties,
  assertTimes,
  clashError,
  isOverlapViolation,
  outsideHoursError,
  seriesPattern,
  seriesSpans,
} from './booking-rules';
import { clinicTimeZone } from '../clinics/clinic-time';
import { Clinic } from '../clinics/entities/clinic.entity';
import { AvailabilityService } from './availability.service';
import type { CreateAppointmentDto, UpdateAppointmentDto } from './dto/appointment.dto';
import { AppointmentSeries } from './entities/appointment-series.entity';
import { Appointment } from './entities/appointment.entity';
import { Db } from '../database/db.service';
import { ReminderPlanner } from '../messages/reminder-planner';

/** Booking and moving appointments, with the checks that read the calendar (clashes, hours). */
@Injectable()
export class BookingService {
  constructor(
    private readonly reminders: ReminderPlanner,
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly availability: AvailabilityService,
    private readonly safetyReviews: SafetyReviewsService,
  ) {}

  async create(actor: AuthenticatedUser, dto: CreateAppointmentDto): Promise<BookingResult> {
    const start = new Date(dto.start);
    const end = new Date(dto.end);
    assertTimes(start, end);
    assertParties(dto);
    // Booking is judged on the schedule it goes into: an admin's clinic-wide, a therapist's own.
    // The schedule is loaded like any record, within the caller's clinic: another clinic's
    // therapist is simply not there (404), as for a schedule the caller may not see at all.
    const { record: scheduleOwner, facts: schedule } = await this.access.load(
      actor,
      'availability',
      dto.therapistId,
      'view',
    );
    await this.access.authorize(actor, 'appointment', schedule, 'create', dto.therapistId);
    if (dto.overrideReason)
      await this.access.authorize(
        actor,
        'appointment',
        schedule,
        'override_hours',
        dto.therapistId,
      );
    let timeZone = 'UTC';
    const appointments = await this.refusingOverlaps(
      async (manager) => {
        // The loader has just read this therapist's row in this transaction, by the same id, clinic
        // and role as a second read would: only whether the account is active is left to decide.
        const therapist = assertAssignable(scheduleOwner, 'therapistId');
        const clients = await this.bookableClients(manager, actor, dto);
        // Safety before conjoint work: screens done and any review decided, or no couples session.
        if (dto.kind === 'couples')
          await this.safetyReviews.assertConjointBookable(manager, clients);
        // The clinic's whole row, as clinicTimeZone reads it: its zone here, its reminder settings
        // for the reminders below.
        const clinic = await manager.findOneByOrFail(Clinic, { id: actor.clinicId });
        timeZone = clinic.timeZone;
        const spans = seriesSpans(start, end, dto.series, timeZone);
        await this.assertNoClash(manager, therapist, spans, timeZone);
        const outside = await this.outsideHours(manager, therapist, spans, timeZone);
        if (outside.length && !dto.overrideReason)
          throw outsideHoursError(therapist.displayName, outside, timeZone);
        const pattern = seriesPattern(start, end, dto.series, timeZone);
        const series = pattern
          ? await manager.save(
              manager.create(AppointmentSeries, {
                ...pattern,
                clinicId: actor.clinicId,
                therapistId: therapist.id,
                previousSeriesId: null,
                createdBy: actor.id,
              }),
            )
          : null;
        const seriesId = series?.id ?? null;
        const rows = spans.map((span) =>
          manager.create(Appointment, {
            clinicId: actor.clinicId,
            therapistId: therapist.id,
            kind: dto.kind,
            status: 'scheduled',
            startsAt: new Date(span.start),
            endsAt: new Date(span.end),
            location: dto.location ?? null,
            clientId: clients[0]?.id ?? null,
            partnerClientId: clients[1]?.id ?? null,
            prospectName: dto.prospect?.name ?? null,
            prospectEmail: dto.prospect?.email ?? null,
            prospectPhone: dto.prospect?.phone ?? null,
            prospectReason: dto.prospect?.reason ?? null,
            seriesId,
            overrideReason: outside.length ? (dto.overrideReason ?? null) : null,
            // Written out, though the columns default to null, so the answer built from these
            // rows below names them as a read of the row would.
            convertedClientId: null,
            cancelledAt: null,
            cancelledBy: null,
            cancelReason: null,
            createdBy: actor.id,
          }),
        );
        await manager.save(rows);
        await this.reminders.planBooked(manager, clinic, rows, clients);
        await this.audit.recordMany(
          rows.map((row) => ({
            action: 'appointment.created',
            entityType: 'appointment',
            entityId: row.id,
            detail: {
              therapist: therapist.id,
              kind: dto.kind,
              series: seriesId,
              override: !!row.overrideReason,
            },
          })),
          manager,
        );
        // The answer is built from the rows just inserted (the insert returned what the database
        // fills in) and the therapist, clients and series read above in this transaction: reading
        // them back would return the same rows.
        return rows
          .map((row) =>
            Object.assign(row, {
              therapist,
              client: clients[0] ?? null,
              partnerClient: clients[1] ?? null,
              series,
            }),
          )
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
          .map((row) =>
            toAppointmentView(row, this.access.can(actor, 'appointment', appointmentFacts(row))),
          );
      },
      dto.therapistId,
      () => seriesSpans(start, end, dto.series, timeZone),
      () => timeZone,
    );
    return { appointments };
  }

  /** Moves a scheduled appointment and/or changes its location. */
  async update(
    actor: AuthenticatedUser,
    id: string,
    dto: UpdateAppointmentDto,
  ): Promise<AppointmentView> {
    let spans: Span[] = [];
    let timeZone = 'UTC';
    let therapistId = '';
    await this.refusingOverlaps(
      async (manager) => {
        const { record: appointment, can } = await this.access.load(
          actor,
          'appointment',
          id,
          'reschedule',
          { manager, lock: true },
        );
        if (dto.overrideReason)
          await this.access.require({ kind: 'appointment', can }, id, 'override_hours');
        therapistId = appointment.therapistId;
        if (appointment.status !== 'scheduled')
          throw new ConflictException('Only a scheduled appointment can be changed.');
        const moved = dto.start !== undefined || dto.end !== undefined;
        const changes: Partial<Appointment> = {};
        if (moved) {
          const start = dto.start ? new Date(dto.start) : appointment.startsAt;
          const end = dto.end
            ? new Date(dto.end)
            : new Date(
                start.getTime() + appointment.endsAt.getTime() - appointment.startsAt.getTime(),
              );
          assertTimes(start, end);
          // A moved couples session is booked anew: it passes the safety gate as a new one would
          // (a concerning screen or a decision against conjoint work since it was first booked).
          if (appointment.kind === 'couples' && appointment.clientId && appointment.partnerClientId)
            await this.safetyReviews.assertConjointBookable(
              manager,
              await manager.findBy(ClientEntity, {
                id: In([appointment.clientId, appointment.partnerClientId]),
              }),
            );
          timeZone = await clinicTimeZone(manager, actor.clinicId);
          spans = [{ start: start.getTime(), end: end.getTime() }];
          const therapist = await manager.findOneByOrFail(User, { id: appointment.therapistId });
          if (!therapist.isActive)
            throw new ConflictException(
              `${therapist.displayName} is deactivated; cancel this appointment and book it with an active therapist.`,
            );
          await this.assertNoClash(manager, therapist, spans, timeZone, [appointment.id]);
          const outside = await this.outsideHours(manager, therapist, spans, timeZone);
          if (outside.length && !dto.overrideReason)
            throw outsideHoursError(therapist.displayName, outside, timeZone);
          changes.startsAt = start;
          changes.endsAt = end;
          changes.overrideReason = outside.length ? (dto.overrideReason ?? null) : null;
        }
        if (dto.location !== undefined) changes.location = dto.location;
        if (!Object.keys(changes).length) return [];
        await manager.update(Appointment, { id }, changes);
        if (moved) {
          // The old time's reminders stop; the new time gets fresh ones (held a few minutes).
          await this.reminders.stopFor(manager, id);
          await this.reminders.planFor(manager, [id]);
        }
        await this.audit.record(
          {
            action: moved ? 'appointment.rescheduled' : 'appointment.updated',
            entityType: 'appointment',
            entityId: id,
            detail: moved
              ? {
                  from: appointment.startsAt.toISOString(),
                  to: changes.startsAt?.toISOString() ?? null,
                }
              : { fields: 'location' },
          },
          manager,
        );
        return [id];
      },
      () => therapistId,
      () => spans,
      () => timeZone,
      [id],
    );
    const [view] = await this.views(actor, [id]);
    if (!view) throw new Error('appointment vanished after update');
    return view;
  }

  async views(actor: AuthenticatedUser, ids: string[]): Promise<AppointmentView[]> {
    if (!ids.length) return [];
    const rows = await this.db.manager.find(Appointment, {
      where: { id: In(ids) },
      relations: { therapist: true, client: true, partnerClient: true, series: true },
      order: { startsAt: 'ASC' },
    });
    return rows.map((row) =>
      toAppointmentView(row, this.access.can(actor, 'appointment', appointmentFacts(row))),
    );
  }

  /**
   * Runs a booking transaction; when the exclusion constraint refuses it (a booking that raced
   * ours and won), answers 409 naming what is now in the way, like the check before the insert.
   */
  async refusingOverlaps<T>(
    work: (manager: EntityManager) => Promise<T>,
    therapistId: string | (() => string),
    spans: () => Span[],
    timeZone: () => string,
    excludeIds: string[] | (() => string[]) = [],
  ): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (!isOverlapViolation(error)) throw error;
      const id = typeof therapistId === 'string' ? therapistId : therapistId();
      const excluded = typeof excludeIds === 'function' ? excludeIds() : excludeIds;
      const clashes = await this.clashes(this.db.manager, id, spans(), excluded);
      throw clashError(clashes, timeZone());
    }
  }

  private async bookableClients(
    manager: EntityManager,
    actor: AuthenticatedUser,
    dto: CreateAppointmentDto,
  ): Promise<Client[]> {
    const clients: Client[] = [];
    for (const clientId of dto.clientIds ?? []) {
      const { record: client } = await this.access.load(actor, 'client', clientId, 'book', {
        manager,
      });
      if (client.status === 'discharged')
        throw new FieldValidationException([
          { field: 'clientIds', problems: [`clientIds names a discharged client`] },
        ]);
      clients.push(client);
    }
    const [first, second] = clients;
    if (first && second && first.partnerId !== second.id)
      throw new FieldValidationException([
        {
          field: 'clientIds',
          problems: ['a couples session is for two clients linked as partners'],
        },
      ]);
    return clients;
  }

  private async clashes(
    manager: EntityManager,
    therapistId: string,
    spans: Span[],
    excludeIds: string[] = [],
  ): Promise<Appointment[]> {
    if (!spans.length) return [];
    const query = manager
      .createQueryBuilder(Appointment, 'appointment')
      .where('appointment.therapist_id = :therapistId', { therapistId })
      .andWhere('appointment.status IN (:...live)', { live: [...LIVE_APPOINTMENT_STATUSES] })
      .andWhere(
        `(${spans
          .map(
            (_, index) =>
              `(appointment.starts_at < :end${index} AND appointment.starts_at > :earliest${index} AND appointment.ends_at > :start${index})`,
          )
          .join(' OR ')})`,
        Object.fromEntries(
          spans.flatMap((span, index) => [
            [`start${index}`, new Date(span.start)],
            [`end${index}`, new Date(span.end)],
            [`earliest${index}`, new Date(span.start - MAX_APPOINTMENT_MINUTES * 60_000)],
          ]),
        ),
      )
      .orderBy('appointment.starts_at', 'ASC');
    if (excludeIds.length) query.andWhere('appointment.id NOT IN (:...excludeIds)', { excludeIds });
    return query.getMany();
  }

  async assertNoClash(
    manager: EntityManager,
    therapist: User,
    spans: Span[],
    timeZone: string,
    excludeIds: string[] = [],
  ): Promise<void> {
    const clashes = await this.clashes(manager, therapist.id, spans, excludeIds);
    if (clashes.length) throw clashError(clashes, timeZone, therapist.displayName);
  }

  /** The spans outside the therapist's working hours (none when every one is within them). */
  async outsideHours(
    manager: EntityManager,
    therapist: User,
    spans: Span[],
    timeZone: string,
  ): Promise<Span[]> {
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (!first || !last) return [];
    const working = await this.availability.working(
      manager,
      therapist.id,
      timeZone,
      new Date(first.start - 86_400_000),
      new Date(last.end + 86_400_000),
    );
    return spans.filter((span) => !withinSpans(working, span.start, span.end));
  }
}
