import { Injectable } from '@nestjs/common';
import { addDays, wallClockAt, zonedTimeToInstant } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import { Clock } from '../jobs/clock';
import type { Appointment } from '../scheduling/entities/appointment.entity';
import { PlannedMessagesService, type PlanInput } from './planned-messages.service';

interface ClinicSettings {
  time_zone: string;
  reminder_lead_hours: number[];
  quiet_hours_start: number;
  quiet_hours_end: number;
  message_hold_minutes: number;
}

interface AppointmentRow {
  id: string;
  clinic_id: string;
  starts_at: Date;
  status: string;
  client_ids: string[];
}

/**
 * Plans appointment reminders in the booking's (or move's) transaction: one per consenting
 * client and lead time, keyed by appointment, client, lead and start, so a moved appointment
 * gets fresh ones and planning again changes nothing. Whole-day lead times (48 h) keep the
 * appointment's local time ("two days before, at 10:00") across a daylight-saving change; others
 * are hours of real time. A time inside quiet hours moves to the edge before them (or after
 * them when that is too late, unless that is past the appointment). The messages are held a few
 * minutes after a booking or move, so a quick correction sends one reminder, not two.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly messages: PlannedMessagesService,
    private readonly clock: Clock,
  ) {}

  async planFor(manager: EntityManager, appointmentIds: string[]): Promise<void> {
    if (!appointmentIds.length) return;
    const appointments = await manager.query<AppointmentRow[]>(
      `SELECT a.id, a.clinic_id, a.starts_at, a.status,
              array_remove(ARRAY[a.client_id, a.partner_client_id], NULL) AS client_ids
         FROM appointments a WHERE a.id = ANY($1)`,
      [appointmentIds],
    );
    const clinicId = appointments[0]?.clinic_id;
    if (!clinicId) return;
    const [clinic] = await manager.query<ClinicSettings[]>(
      `SELECT time_zone, reminder_lead_hours, quiet_hours_start, quiet_hours_end, message_hold_minutes
         FROM clinics WHERE id = $1`,
      [clinicId],
    );
    if (!clinic) return;
    const clientIds = [...new Set(appointments.flatMap((row) => row.client_ids))];
    const consenting = new Set(
      (
        await manager.query<{ id: string }[]>(
          `SELECT id FROM clients WHERE id = ANY($1) AND reminder_consent AND status <> 'discharged'`,
          [clientIds],
        )
      ).map((row) => row.id),
    );
    await this.plan(manager, clinicId, appointments, clinic, consenting);
  }

  /**
   * What planFor does, for appointments the caller has just inserted, from what it already read
   * in this transaction: the clinic's row and the client files booked (consent and status are
   * columns of those rows). Reading them again would return the same rows.
   */
  async planBooked(
    manager: EntityManager,
    clinic: Clinic,
    appointments: Appointment[],
    clients: Pick<Client, 'id' | 'reminderConsent' | 'status'>[],
  ): Promise<void> {
    const consenting = new Set(
      clients
        .filter((client) => client.reminderConsent && client.status !== 'discharged')
        .map((client) => client.id),
    );
    await this.plan(
      manager,
      clinic.id,
      appointments.map((appointment) => ({
        id: appointment.id,
        clinic_id: appointment.clinicId,
        starts_at: appointment.startsAt,
        status: appointment.status,
        client_ids: [appointment.clientId, appointment.partnerClientId].filter(
          (id): id is string => id !== null,
        ),
      })),
      {
        time_zone: clinic.timeZone,
        reminder_lead_hours: clinic.reminderLeadHours,
        quiet_hours_start: clinic.quietHoursStart,
        quiet_hours_end: clinic.quietHoursEnd,
        message_hold_minutes: clinic.messageHoldMinutes,
      },
      consenting,
    );
  }

  private async plan(
    manager: EntityManager,
    clinicId: string,
    appointments: AppointmentRow[],
    clinic: ClinicSettings,
    consenting: ReadonlySet<string>,
  ): Promise<void> {
    const now = this.clock.now();
    const heldUntil = new Date(now.getTime() + clinic.message_hold_minutes * 60_000);
    const plans: PlanInput[] = [];
    for (const appointment of appointments) {
      if (appointment.status !== 'scheduled') continue;
      for (const clientId of appointment.client_ids) {
        if (!consenting.has(clientId)) continue;
        for (const lead of clinic.reminder_lead_hours) {
          const due = reminderTime(appointment.starts_at, lead, clinic);
          if (!due || due <= now) continue;
          plans.push({
            clinicId,
            kind: 'appointment_reminder',
            recipient: { clientId },
            subjectId: appointment.id,
            dedupKey: `appointment_reminder:${appointment.id}:${clientId}:${lead}h:${appointment.starts_at.toISOString()}`,
            dueAt: due,
            heldUntil: clinic.message_hold_minutes > 0 ? heldUntil : null,
          });
        }
      }
    }
    await this.messages.plan(manager, plans);
  }

  /** Stops an appointment's reminders not yet sent (cancelled, moved, consent withdrawn). */
  stopFor(manager: EntityManager, appointmentId: string): Promise<number> {
    return this.messages.stopFor(manager, appointmentId, ['appointment_reminder']);
  }
}

/** When a reminder `leadHours` before `startsAt` goes, quiet hours applied; null if never. */
export function reminderTime(
  startsAt: Date,
  leadHours: number,
  clinic: Pick<ClinicSettings, 'time_zone' | 'quiet_hours_start' | 'quiet_hours_end'>,
): Date | null {
  const zone = clinic.time_zone;
  let due: Date;
  if (leadHours % 24 === 0) {
    const local = wallClockAt(startsAt, zone);
    due = zonedTimeToInstant(addDays(local.date, -leadHours / 24), local.time, zone);
  } else {
    due = new Date(startsAt.getTime() - leadHours * 3_600_000);
  }
  return outOfQuietHours(due, startsAt, clinic);
}

/** Moves `due` out of the clinic's quiet hours: to their start before, else their end after. */
export function outOfQuietHours(
  due: Date,
  notAfter: Date,
  clinic: Pick<ClinicSettings, 'time_zone' | 'quiet_hours_start' | 'quiet_hours_end'>,
): Date | null {
  const start = clinic.quiet_hours_start * 60;
  const end = clinic.quiet_hours_end * 60;
  if (start === end) return due;
  const zone = clinic.time_zone;
  const local = wallClockAt(due, zone);
  const wraps = start > end;
  const quiet = wraps
    ? local.minutes >= start || local.minutes < end
    : local.minutes >= start && local.minutes < end;
  if (!quiet) return due;
  const hh = (hours: number) => `${String(hours).padStart(2, '0')}:00`;
  // The quiet stretch containing `due` began today (evening part) or yesterday (morning part).
  const beganOn = wraps && local.minutes < end ? addDays(local.date, -1) : local.date;
  const endsOn = wraps && local.minutes >= start ? addDays(local.date, 1) : local.date;
  // One minute before quiet hours begin, so the message is not itself inside them.
  const before = new Date(
    zonedTimeToInstant(beganOn, hh(clinic.quiet_hours_start), zone).getTime() - 60_000,
  );
  const after = zonedTimeToInstant(endsOn, hh(clinic.quiet_hours_end), zone);
  // A reminder is for before the appointment: the evening before if the morning is too late.
  if (after < notAfter)
    return after.getTime() - due.getTime() < due.getTime() - before.getTime() ? after : before;
  return before;
}

/** `due`, or the end of the clinic's quiet hours when `due` falls inside them. */
export function nextAllowedTime(
  due: Date,
  clinic: Pick<ClinicSettings, 'time_zone' | 'quiet_hours_start' | 'quiet_hours_end'>,
): Date {
  const start = clinic.quiet_hours_start * 60;
  const end = clinic.quiet_hours_end * 60;
  if (start === end) return due;
  const local = wallClockAt(due, clinic.time_zone);
  const wraps = start > end;
  const quiet = wraps
    ? local.minutes >= start || local.minutes < end
    : local.minutes >= start && local.minutes < end;
  if (!quiet) return due;
  const endsOn = wraps && local.minutes >= start ? addDays(local.date, 1) : local.date;
  return zonedTimeToInstant(
    endsOn,
    `${String(clinic.quiet_hours_end).padStart(2, '0')}:00`,
    clinic.time_zone,
  );
}
