import { ConflictException, Injectable } from '@nestjs/common';
import {
  LATE_CANCELLATION_HOURS,
  MAX_SERIES_LENGTH,
  addDays,
  wallClockAt,
  type FollowingResult,
} from '@cairn/contracts';
import { In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { appointmentFacts } from '../access/record-loaders';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { Client } from '../clients/entities/client.entity';
import { clinicTimeZone } from '../clinics/clinic-time';
import { Db } from '../database/db.service';
import { FieldValidationException } from '../http/api-exception.filter';
import { ReminderPlanner } from '../messages/reminder-planner';
import { SafetyReviewsService } from '../safety/safety-reviews.service';
import { User } from '../users/entities/user.entity';
import { toSeriesView } from './appointment-views';
import type { Span } from './availability-windows';
import { assertTimes, outsideHoursError } from './booking-rules';
import { BookingService } from './booking.service';
import type { UpdateFollowingDto } from './dto/appointment.dto';
import { AppointmentSeries } from './entities/appointment-series.entity';
import { Appointment } from './entities/appointment.entity';
import { occurrenceSpans, type SeriesPattern } from './series-rule';

/** The reason recorded on an occurrence a changed series no longer has room for. */
const DROPPED_REASON = 'The series was changed';

/**
 * "This and following": changing or cancelling a series from one occurrence on. The series is
 * split there (the part before keeps its pattern and ends; a new series carries on), and each
 * following appointment keeps its row, so its calendar UID stays and its SEQUENCE grows; the
 * occurrences before it are not touched. An appointment on its own is a series of one.
 */
@Injectable()
export class SeriesChangesService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly booking: BookingService,
    private readonly reminders: ReminderPlanner,
    private readonly safetyReviews: SafetyReviewsService,
  ) {}

  async update(
    actor: AuthenticatedUser,
    id: string,
    dto: UpdateFollowingDto,
  ): Promise<FollowingResult> {
    let spans: Span[] = [];
    let timeZone = 'UTC';
    let therapistId = '';
    let movedIds: string[] = [];
    const result = await this.booking.refusingOverlaps(
      async (manager) => {
        const { record: first, can } = await this.access.load(
          actor,
          'appointment',
          id,
          'reschedule',
          {
            manager,
            lock: true,
          },
        );
        if (dto.overrideReason)
          await this.access.require({ kind: 'appointment', can }, id, 'override_hours');
        if (first.status !== 'scheduled')
          throw new ConflictException('Only a scheduled appointment can be changed.');
        therapistId = first.therapistId;
        timeZone = await clinicTimeZone(manager, actor.clinicId);
        const series = await this.seriesOf(manager, first);
        if (!series && dto.intervalWeeks !== undefined)
          throw new FieldValidationException([
            { field: 'intervalWeeks', problems: ['this appointment is not part of a series'] },
          ]);
        const following = await this.following(manager, actor, first, 'reschedule');
        movedIds = following.map((row) => row.id);

        const start = dto.start ? new Date(dto.start) : first.startsAt;
        const end = dto.end
          ? new Date(dto.end)
          : new Date(start.getTime() + first.endsAt.getTime() - first.startsAt.getTime());
        assertTimes(start, end);
        const local = wallClockAt(start, timeZone);
        const pattern: SeriesPattern = {
          firstDate: local.date,
          localTime: local.time,
          durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000),
          intervalWeeks: dto.intervalWeeks ?? series?.intervalWeeks ?? 1,
          // A series by count keeps as many appointments as it had left; one by date, its end.
          count: series?.until ? null : following.length,
          until: series?.until && series.until >= local.date ? series.until : null,
          timeZone,
        };
        if (pattern.count === null && pattern.until === null) pattern.count = following.length;
        spans = series
          ? occurrenceSpans(pattern).map((span, index) =>
              index === 0 ? { start: start.getTime(), end: end.getTime() } : span,
            )
          : [{ start: start.getTime(), end: end.getTime() }];
        if (spans.length > MAX_SERIES_LENGTH)
          throw new FieldValidationException([
            {
              field: 'intervalWeeks',
              problems: [`a series has at most ${MAX_SERIES_LENGTH} appointments`],
            },
          ]);

        // Each moved couples session passes the safety gate as a new booking would.
        if (first.kind === 'couples' && first.clientId && first.partnerClientId)
          await this.safetyReviews.assertConjointBookable(
            manager,
            await manager.findBy(Client, { id: In([first.clientId, first.partnerClientId]) }),
          );
        const therapist = await manager.findOneByOrFail(User, { id: first.therapistId });
        if (!therapist.isActive)
          throw new ConflictException(
            `${therapist.displayName} is deactivated; cancel these appointments and book them with an active therapist.`,
          );
        await this.booking.assertNoClash(manager, therapist, spans, timeZone, movedIds);
        const outside = await this.booking.outsideHours(manager, therapist, spans, timeZone);
        if (outside.length && !dto.overrideReason)
          throw outsideHoursError(therapist.displayName, outside, timeZone);
        const overrideReason = outside.length ? (dto.overrideReason ?? null) : null;

        const newSeries = series
          ? await this.splitAt(manager, actor, series, first, pattern)
          : null;
        const location = dto.location !== undefined ? dto.location : first.location;
        const pairs = following.slice(0, spans.length).map((row, index) => ({
          row,
          span: spans[index],
        }));
        // A longer gap by date leaves fewer appointments: the rest are cancelled (not deleted),
        // first, so that none of them is in the way of a moved one.
        for (const row of following.slice(spans.length))
          await this.cancelRow(manager, actor, row, DROPPED_REASON);
        // The exclusion constraint is checked row by row: move the ones going later from the
        // last back, then the ones going earlier from the first on, so no row ever lands on
        // another of the series that has not moved yet.
        const later = pairs.filter((pair) => pair.span.start > pair.row.startsAt.getTime());
        const earlier = pairs.filter((pair) => pair.span.start <= pair.row.startsAt.getTime());
        const moved: string[] = [];
        for (const { row, span } of [...later.reverse(), ...earlier]) {
          const timeChanged =
            span.start !== row.startsAt.getTime() || span.end !== row.endsAt.getTime();
          await manager.update(
            Appointment,
            { id: row.id },
            {
              startsAt: new Date(span.start),
              endsAt: new Date(span.end),
              location,
              seriesId: newSeries?.id ?? null,
              overrideReason: timeChanged ? overrideReason : row.overrideReason,
            },
          );
          if (timeChanged) moved.push(row.id);
        }
        // A shorter gap by date has room for more: booked like the first, in the new series.
        const added = spans.slice(following.length).map((span) =>
          manager.create(Appointment, {
            clinicId: first.clinicId,
            therapistId: first.therapistId,
            kind: first.kind,
            status: 'scheduled',
            startsAt: new Date(span.start),
            endsAt: new Date(span.end),
            location,
            clientId: first.clientId,
            partnerClientId: first.partnerClientId,
            prospectName: first.prospectName,
            prospectEmail: first.prospectEmail,
            prospectPhone: first.prospectPhone,
            prospectReason: first.prospectReason,
            seriesId: newSeries?.id ?? null,
            overrideReason,
            createdBy: actor.id,
          }),
        );
        if (added.length) await manager.save(added);
        // The old times' reminders stop; the new times get fresh ones (held a few minutes).
        for (const rowId of moved) await this.reminders.stopFor(manager, rowId);
        await this.reminders.planFor(manager, [...moved, ...added.map((row) => row.id)]);
        await this.audit.recordMany(
          [
            ...pairs
              .filter((pair) => moved.includes(pair.row.id))
              .map(({ row, span }) => ({
                action: 'appointment.rescheduled' as const,
                entityType: 'appointment',
                entityId: row.id,
                detail: {
                  from: row.startsAt.toISOString(),
                  to: new Date(span.start).toISOString(),
                  following: id,
                  series: newSeries?.id ?? null,
                },
              })),
            ...pairs
              .filter((pair) => !moved.includes(pair.row.id))
              .map(({ row }) => ({
                action: 'appointment.updated' as const,
                entityType: 'appointment',
                entityId: row.id,
                detail: { following: id, series: newSeries?.id ?? null },
              })),
            ...added.map((row) => ({
              action: 'appointment.created' as const,
              entityType: 'appointment',
              entityId: row.id,
              detail: { therapist: row.therapistId, kind: row.kind, series: newSeries?.id ?? null },
            })),
          ],
          manager,
        );
        return {
          series: newSeries,
          ids: [...pairs.map((pair) => pair.row.id), ...added.map((row) => row.id)],
        };
      },
      () => therapistId,
      () => spans,
      () => timeZone,
      () => movedIds,
    );
    return this.result(actor, result.series, result.ids);
  }

  /** Cancels this appointment and every scheduled one after it in its series. */
  async cancel(actor: AuthenticatedUser, id: string, reason: string): Promise<FollowingResult> {
    const result = await this.db.transaction(async (manager) => {
      const { record: first } = await this.access.load(actor, 'appointment', id, 'cancel', {
        manager,
        lock: true,
      });
      if (first.status !== 'scheduled')
        throw new ConflictException('Only a scheduled appointment can be cancelled.');
      if (first.endsAt <= new Date())
        throw new ConflictException(
          'This appointment is over: mark it completed or did not attend instead.',
        );
      const series = await this.seriesOf(manager, first);
      const following = await this.following(manager, actor, first, 'cancel');
      for (const row of following) await this.cancelRow(manager, actor, row, reason);
      // The series ends before this appointment; a series cancelled from its first stays whole.
      if (series && (await this.countBefore(manager, series, first)) > 0)
        await this.endBefore(manager, series, first);
      return { series, ids: following.map((row) => row.id) };
    });
    return this.result(actor, result.series, result.ids);
  }

  private async result(
    actor: AuthenticatedUser,
    series: AppointmentSeries | null,
    ids: string[],
  ): Promise<FollowingResult> {
    const fresh = series
      ? await this.db.manager.findOneBy(AppointmentSeries, { id: series.id })
      : null;
    return {
      series: fresh ? toSeriesView(fresh) : null,
      appointments: await this.booking.views(actor, ids),
    };
  }

  private async seriesOf(
    manager: EntityManager,
    appointment: Appointment,
  ): Promise<AppointmentSeries | null> {
    if (!appointment.seriesId) return null;
    return manager.findOne(AppointmentSeries, {
      where: { id: appointment.seriesId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * The scheduled appointments of the series from `first` on (just `first` when it stands alone),
   * each locked and each one the caller may `action`, as `first` was checked.
   */
  private async following(
    manager: EntityManager,
    actor: AuthenticatedUser,
    first: Appointment,
    action: 'reschedule' | 'cancel',
  ): Promise<Appointment[]> {
    if (!first.seriesId) return [first];
    const locked = await manager.query<{ id: string }[]>(
      `SELECT id FROM appointments WHERE series_id = $1 AND starts_at >= $2 AND status = 'scheduled'
        ORDER BY starts_at FOR UPDATE`,
      [first.seriesId, first.startsAt],
    );
    const rows = await manager.find(Appointment, {
      where: { id: In(locked.map((row) => row.id)), startsAt: MoreThanOrEqual(first.startsAt) },
      relations: { client: true, partnerClient: true },
      order: { startsAt: 'ASC' },
    });
    for (const row of rows)
      await this.access.require(
        { kind: 'appointment', can: this.access.can(actor, 'appointment', appointmentFacts(row)) },
        row.id,
        action,
      );
    return rows;
  }

  /**
   * Ends `series` before `first` and starts a new one there with `pattern`; when `first` is the
   * series' first appointment, the series itself takes the new pattern (nothing to split off).
   */
  private async splitAt(
    manager: EntityManager,
    actor: AuthenticatedUser,
    series: AppointmentSeries,
    first: Appointment,
    pattern: SeriesPattern,
  ): Promise<AppointmentSeries> {
    if ((await this.countBefore(manager, series, first)) === 0) {
      await manager.update(AppointmentSeries, { id: series.id }, { ...pattern });
      return { ...series, ...pattern };
    }
    await this.endBefore(manager, series, first);
    return manager.save(
      manager.create(AppointmentSeries, {
        ...pattern,
        clinicId: series.clinicId,
        therapistId: series.therapistId,
        previousSeriesId: series.id,
        createdBy: actor.id,
      }),
    );
  }

  private countBefore(
    manager: EntityManager,
    series: AppointmentSeries,
    first: Appointment,
  ): Promise<number> {
    return manager
      .createQueryBuilder(Appointment, 'appointment')
      .where('appointment.series_id = :series', { series: series.id })
      .andWhere('appointment.starts_at < :start', { start: first.startsAt })
      .getCount();
  }

  /** The series now stops before `first`: its count is what came before, or its end the day before. */
  private async endBefore(
    manager: EntityManager,
    series: AppointmentSeries,
    first: Appointment,
  ): Promise<void> {
    const before = await this.countBefore(manager, series, first);
    await manager.update(
      AppointmentSeries,
      { id: series.id },
      series.until
        ? { until: addDays(wallClockAt(first.startsAt, series.timeZone).date, -1) }
        : { count: before },
    );
  }

  private async cancelRow(
    manager: EntityManager,
    actor: AuthenticatedUser,
    row: Appointment,
    reason: string,
  ): Promise<void> {
    const now = new Date();
    const late = row.startsAt.getTime() - now.getTime() < LATE_CANCELLATION_HOURS * 3_600_000;
    await manager.update(
      Appointment,
      { id: row.id },
      {
        status: 'cancelled',
        cancelledAt: now,
        cancelledBy: actor.id,
        cancelReason: reason,
        lateCancellation: late,
      },
    );
    await this.reminders.stopFor(manager, row.id);
    await this.audit.record(
      {
        action: 'appointment.cancelled',
        entityType: 'appointment',
        entityId: row.id,
        detail: { late, following: true },
      },
      manager,
    );
  }
}
