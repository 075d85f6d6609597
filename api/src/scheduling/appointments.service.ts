import { ReminderPlanner } from '../messages/reminder-planner';
import { ConflictException, Injectable } from '@nestjs/common';
import {
  LATE_CANCELLATION_HOURS,
  MAX_APPOINTMENT_MINUTES,
  todayIn,
  wallClockAt,
  type AppointmentView,
  type ConvertProspectResult,
  type MyAppointments,
} from '@cairn/contracts';
import { Brackets } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client } from '../clients/entities/client.entity';
import { assignableTherapist } from '../clients/therapist-check';
import { FieldValidationException } from '../http/api-exception.filter';
import { AccessService } from '../access/access.service';
import { appointmentFacts } from '../access/record-loaders';
import { toAppointmentView, toMyAppointment } from './appointment-views';
import { clinicTimeZone } from '../clinics/clinic-time';
import { BookingService } from './booking.service';
import type { ListAppointmentsQueryDto } from './dto/appointment.dto';
import { Appointment } from './entities/appointment.entity';
import { Db } from '../database/db.service';

const DAY_MS = 86_400_000;
const MAX_LIST_RANGE_MS = 93 * DAY_MS;
const MY_LIST_LIMIT = 50;

/** Reading the schedule and recording what happened to an appointment. */
@Injectable()
export class AppointmentsService {
  constructor(
    private readonly reminders: ReminderPlanner,
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly booking: BookingService,
    private readonly access: AccessService,
  ) {}

  /**
   * The clinic's appointments in a time range (an admin), or the therapist's own. A therapist
   * asking for a colleague's schedule gets an empty list, not a confirmation that it exists.
   */
  async list(
    actor: AuthenticatedUser,
    query: ListAppointmentsQueryDto,
  ): Promise<AppointmentView[]> {
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 14 * DAY_MS);
    if (to <= from)
      throw new FieldValidationException([{ field: 'to', problems: ['to must be after from'] }]);
    if (to.getTime() - from.getTime() > MAX_LIST_RANGE_MS)
      throw new FieldValidationException([
        { field: 'to', problems: ['to must be at most 93 days after from'] },
      ]);
    // The list's scope comes from the permissions table: an admin sees the clinic's schedule, a
    // therapist only their own (a colleague's answers an empty list, not "exists").
    const viewers = this.access.grantingRelations(actor, 'appointment', 'view');
    const ownOnly = !viewers.includes('clinic_admin');
    if (viewers.length === 0 || (ownOnly && query.therapistId && query.therapistId !== actor.id))
      return [];
    const therapistId = ownOnly ? actor.id : query.therapistId;

    const builder = this.db.manager
      .createQueryBuilder(Appointment, 'appointment')
      .leftJoinAndSelect('appointment.therapist', 'therapist')
      .leftJoinAndSelect('appointment.client', 'client')
      .leftJoinAndSelect('appointment.partnerClient', 'partnerClient')
      .leftJoinAndSelect('appointment.series', 'series')
      .where('appointment.clinic_id = :clinicId', { clinicId: actor.clinicId })
      // The lower bound on starts_at lets the (clinic, starts_at) index bound the scan on both sides.
      .andWhere(
        'appointment.starts_at < :to AND appointment.starts_at > :earliest AND appointment.ends_at > :from',
        { from, to, earliest: new Date(from.getTime() - MAX_APPOINTMENT_MINUTES * 60_000) },
      )
      .orderBy('appointment.starts_at', 'ASC')
      .limit(2000);
    if (therapistId) builder.andWhere('appointment.therapist_id = :therapistId', { therapistId });
    if (query.status) builder.andWhere('appointment.status = :status', { status: query.status });
    if (query.clientId)
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('appointment.client_id = :clientId')
            .orWhere('appointment.partner_client_id = :clientId')
            .orWhere('appointment.converted_client_id = :clientId'),
        ),
        { clientId: query.clientId },
      );
    const rows = await builder.getMany();
    await this.audit.record({
      action: 'appointment.listed',
      detail: { returned: rows.length, therapist: therapistId ?? null },
    });
    return rows.map((row) =>
      toAppointmentView(row, this.access.can(actor, 'appointment', appointmentFacts(row))),
    );
  }

  async get(actor: AuthenticatedUser, id: string): Promise<AppointmentView> {
    await this.access.load(actor, 'appointment', id, 'view');
    await this.audit.record({
      action: 'appointment.viewed',
      entityType: 'appointment',
      entityId: id,
    });
    return this.one(actor, id);
  }

  async cancel(actor: AuthenticatedUser, id: string, reason: string): Promise<AppointmentView> {
    await this.db.transaction(async (manager) => {
      const { record: appointment } = await this.access.load(actor, 'appointment', id, 'cancel', {
        manager,
        lock: true,
      });
      if (appointment.status !== 'scheduled')
        throw new ConflictException('Only a scheduled appointment can be cancelled.');
      const now = new Date();
      if (appointment.endsAt <= now)
        throw new ConflictException(
          'This appointment is over: mark it completed or did not attend instead.',
        );
      const late =
        appointment.startsAt.getTime() - now.getTime() < LATE_CANCELLATION_HOURS * 3_600_000;
      await manager.update(
        Appointment,
        { id },
        {
          status: 'cancelled',
          cancelledAt: now,
          cancelledBy: actor.id,
          cancelReason: reason,
          lateCancellation: late,
        },
      );
      await this.reminders.stopFor(manager, id);
      await this.audit.record(
        {
          action: 'appointment.cancelled',
          entityType: 'appointment',
          entityId: id,
          detail: { late },
        },
        manager,
      );
    });
    return this.one(actor, id);
  }

  /** Records the outcome: from the appointment's own day on, never for a future day. */
  async close(
    actor: AuthenticatedUser,
    id: string,
    outcome: 'completed' | 'no_show',
  ): Promise<AppointmentView> {
    await this.db.transaction(async (manager) => {
      const action = outcome === 'completed' ? 'complete' : 'no_show';
      const { record: appointment } = await this.access.load(actor, 'appointment', id, action, {
        manager,
        lock: true,
      });
      if (appointment.status !== 'scheduled')
        throw new ConflictException(
          `This appointment is already ${appointment.status.replace('_', '-')}.`,
        );
      const timeZone = await clinicTimeZone(manager, actor.clinicId);
      if (wallClockAt(appointment.startsAt, timeZone).date > todayIn(timeZone))
        throw new ConflictException(
          'An appointment on a later day cannot be closed yet; cancel or reschedule it instead.',
        );
      await manager.update(Appointment, { id }, { status: outcome });
      await this.audit.record(
        {
          action: outcome === 'completed' ? 'appointment.completed' : 'appointment.no_show',
          entityType: 'appointment',
          entityId: id,
        },
        manager,
      );
    });
    return this.one(actor, id);
  }

  /**
   * Turns the prospect of a completed consultation into a client file assigned to the therapist
   * they saw, carrying over name, email and phone; the consultation points at the new file.
   */
  async convertProspect(actor: AuthenticatedUser, id: string): Promise<ConvertProspectResult> {
    const clientId = await this.db.transaction(async (manager) => {
      const { record: appointment } = await this.access.load(
        actor,
        'appointment',
        id,
        'convert_prospect',
        { manager, lock: true },
      );
      if (!appointment.prospectName)
        throw new ConflictException('This appointment is not with a prospect.');
      if (appointment.convertedClientId)
        throw new ConflictException('This prospect already has a client file.');
      if (appointment.status !== 'completed')
        throw new ConflictException(
          'Mark the consultation completed before opening a client file.',
        );
      await assignableTherapist(manager, actor.clinicId, appointment.therapistId, 'therapistId');
      const client = manager.create(Client, {
        clinicId: actor.clinicId,
        legalName: appointment.prospectName,
        preferredName: null,
        email: appointment.prospectEmail,
        phone: appointment.prospectPhone,
        status: 'active',
        primaryTherapistId: appointment.therapistId,
        portalUserId: null,
        partnerId: null,
      });
      await manager.save(client);
      await manager.update(Appointment, { id }, { convertedClientId: client.id });
      await this.audit.record(
        {
          action: 'client.created',
          entityType: 'client',
          entityId: client.id,
          detail: { fromConsultation: id },
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'appointment.prospect_converted',
          entityType: 'appointment',
          entityId: id,
          detail: { client: client.id },
        },
        manager,
      );
      return client.id;
    });
    return { clientId, appointment: await this.one(actor, id) };
  }

  /** A client's own appointments (and their couples sessions), nothing about anyone else. */
  async mine(actor: AuthenticatedUser): Promise<MyAppointments> {
    const manager = this.db.manager;
    const timeZone = await clinicTimeZone(manager, actor.clinicId);
    const own = await this.access.ownClientFile(actor, manager);
    if (!own) return { timeZone, upcoming: [], past: [] };
    const client = own.record;
    const now = new Date();
    const base = () =>
      manager
        .createQueryBuilder(Appointment, 'appointment')
        .leftJoinAndSelect('appointment.therapist', 'therapist')
        .where('appointment.clinic_id = :clinicId', { clinicId: actor.clinicId })
        .andWhere(
          new Brackets((where) =>
            where
              .where('appointment.client_id = :clientId')
              .orWhere('appointment.partner_client_id = :clientId'),
          ),
          { clientId: client.id },
        )
        .limit(MY_LIST_LIMIT);
    const upcoming = await base()
      .andWhere('appointment.ends_at >= :now', { now })
      .orderBy('appointment.starts_at', 'ASC')
      .getMany();
    const past = await base()
      .andWhere('appointment.ends_at < :now', { now })
      .orderBy('appointment.starts_at', 'DESC')
      .getMany();
    await this.audit.record({
      action: 'appointment.own_listed',
      entityType: 'client',
      entityId: client.id,
      detail: { returned: upcoming.length + past.length },
    });
    return { timeZone, upcoming: upcoming.map(toMyAppointment), past: past.map(toMyAppointment) };
  }

  private async one(actor: AuthenticatedUser, id: string): Promise<AppointmentView> {
    const [view] = await this.booking.views(actor, [id]);
    if (!view) throw new Error(`appointment ${id} vanished`);
    return view;
  }
}
