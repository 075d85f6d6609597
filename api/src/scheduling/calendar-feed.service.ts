import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  APPOINTMENT_KIND_LABELS,
  LIVE_APPOINTMENT_STATUSES,
  apiUrl,
  ApiRoutes,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
} from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { hashToken } from '../crypto/token-hash';
import { PreAuthLookups } from '../database/pre-auth-lookups';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { User } from '../users/entities/user.entity';
import { initialsOf } from './appointment-views';
import { Appointment } from './entities/appointment.entity';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { renderCalendar } from './ical';
import { visibleTherapist } from './schedule-access';
import { Db } from '../database/db.service';

const DAY_MS = 86_400_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A therapist's secret iCalendar URL. The token is shown once and only its hash is stored; the
 * feed carries times, kind, location and client initials, never names or clinical detail.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly lookups: PreAuthLookups,
  ) {}

  async status(actor: AuthenticatedUser, therapistId: string): Promise<CalendarFeedStatus> {
    await visibleTherapist(this.db.manager, actor, therapistId);
    const feed = await this.db.manager.findOneBy(CalendarFeed, { therapistId });
    return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null };
  }

  /** Makes a new secret URL; any earlier one stops working. Only the therapist themself. */
  async create(actor: AuthenticatedUser, therapistId: string): Promise<CalendarFeedCreated> {
    if (actor.id !== therapistId) {
      await visibleTherapist(this.db.manager, actor, therapistId);
      throw new ForbiddenException('Only the therapist can create their own calendar link.');
    }
    const token = randomBytes(32).toString('base64url');
    const createdAt = await this.db.transaction(async (manager) => {
      await manager.delete(CalendarFeed, { therapistId });
      const feed = await manager.save(
        manager.create(CalendarFeed, {
          therapistId,
          clinicId: actor.clinicId,
          tokenHash: hashToken(token),
        }),
      );
      await this.audit.record(
        { action: 'calendar_feed.created', entityType: 'therapist', entityId: therapistId },
        manager,
      );
      return feed.createdAt;
    });
    return {
      url: apiUrl(ApiRoutes.scheduling.feed, { token }),
      createdAt: createdAt.toISOString(),
    };
  }

  async revoke(actor: AuthenticatedUser, therapistId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await visibleTherapist(manager, actor, therapistId);
      const result = await manager.delete(CalendarFeed, { therapistId });
      if (result.affected)
        await this.audit.record(
          { action: 'calendar_feed.revoked', entityType: 'therapist', entityId: therapistId },
          manager,
        );
    });
  }

  /** The feed behind a token: 404 for a wrong, revoked or deactivated one, all alike. */
  async render(token: string): Promise<string> {
    if (!TOKEN_PATTERN.test(token)) throw new NotFoundException('Calendar not found.');
    const owner = await this.lookups.calendarFeed(hashToken(token));
    if (!owner) throw new NotFoundException('Calendar not found.');
    return this.db.forClinic(owner.clinicId, (manager) => this.renderFor(manager, owner.id));
  }

  private async renderFor(manager: EntityManager, therapistId: string): Promise<string> {
    const therapist = await manager.findOneBy(User, { id: therapistId });
    if (!therapist?.isActive) throw new NotFoundException('Calendar not found.');
    const now = Date.now();
    const appointments = await manager.find(Appointment, {
      where: {
        therapistId: therapist.id,
        status: In([...LIVE_APPOINTMENT_STATUSES]),
        startsAt: LessThan(new Date(now + 180 * DAY_MS)),
        endsAt: MoreThan(new Date(now - 30 * DAY_MS)),
      },
      relations: { client: true, partnerClient: true },
      order: { startsAt: 'ASC' },
    });
    await this.audit.record(
      {
        action: 'calendar_feed.read',
        entityType: 'therapist',
        entityId: therapist.id,
        actor: null,
        clinicId: therapist.clinicId,
        detail: { returned: appointments.length },
      },
      manager,
    );
    return renderCalendar(
      `Cairn: ${therapist.displayName}`,
      appointments.map((appointment) => ({
        uid: `${appointment.id}@cairn`,
        start: appointment.startsAt,
        end: appointment.endsAt,
        summary: `${APPOINTMENT_KIND_LABELS[appointment.kind]}: ${whoOf(appointment)}`,
        location: appointment.location,
        status: 'CONFIRMED',
      })),
    );
  }
}

function whoOf(appointment: Appointment): string {
  const names = [appointment.client, appointment.partnerClient]
    .filter((client) => !!client)
    .map((client) => initialsOf(client.legalName));
  if (appointment.prospectName) names.push(initialsOf(appointment.prospectName));
  return names.join(' & ');
}
