import { Injectable, NotFoundException } from '@nestjs/common';
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
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { User } from '../users/entities/user.entity';
import { initialsOf } from './appointment-views';
import { Appointment } from './entities/appointment.entity';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { renderCalendar } from './ical';
import { Db } from '../database/db.service';

const DAY_MS = 86_400_000;
/** How long a cancelled appointment stays in the feed (as cancelled) so subscribers drop it. */
export const CANCELLED_KEPT_DAYS = 30;
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
    private readonly access: AccessService,
  ) {}

  async status(actor: AuthenticatedUser, therapistId: string): Promise<CalendarFeedStatus> {
    await this.access.load(actor, 'calendarFeed', therapistId, 'view');
    const feed = await this.db.manager.findOneBy(CalendarFeed, { therapistId });
    return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null };
  }

  /** Makes a new secret URL; any earlier one stops working. Only the therapist themself. */
  async create(actor: AuthenticatedUser, therapistId: string): Promise<CalendarFeedCreated> {
    // Only the therapist themself: the secret URL is shown once, to whoever makes it.
    await this.access.load(actor, 'calendarFeed', therapistId, 'create');
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
      await this.access.load(actor, 'calendarFeed', therapistId, 'revoke', { manager });
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
    const window = {
      therapistId: therapist.id,
      startsAt: LessThan(new Date(now + 180 * DAY_MS)),
      endsAt: MoreThan(new Date(now - 30 * DAY_MS)),
    };
    const appointments = await manager.find(Appointment, {
      where: [
        { ...window, status: In([...LIVE_APPOINTMENT_STATUSES]) },
        // Cancelled lately: sent as cancelled for a while rather than vanishing, which some
        // calendar apps would take as "unchanged" and keep showing.
        {
          ...window,
          status: 'cancelled',
          cancelledAt: MoreThan(new Date(now - CANCELLED_KEPT_DAYS * DAY_MS)),
        },
      ],
      relations: { client: true, partnerClient: true },
      order: { startsAt: 'ASC' },
    });
    await this.audit.record(
      {
        action: 'calendar_feed.fetched',
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
        status: appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        sequence: appointment.sequence,
        lastModified: appointment.updatedAt,
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
