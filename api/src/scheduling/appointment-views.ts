import type { AppointmentView, MyAppointment, SeriesView } from '@cairn/contracts';
import { displayNameOf } from '../clients/client-views';
import type { AppointmentSeries } from './entities/appointment-series.entity';
import type { Appointment } from './entities/appointment.entity';
import { ruleText } from './series-rule';

export function toSeriesView(series: AppointmentSeries): SeriesView {
  return {
    id: series.id,
    intervalWeeks: series.intervalWeeks,
    count: series.count,
    until: series.until,
    rule: ruleText(series),
    previousSeriesId: series.previousSeriesId,
  };
}

export function toAppointmentView(
  appointment: Appointment,
  can: AppointmentView['can'],
): AppointmentView {
  const clients = [appointment.client, appointment.partnerClient]
    .filter((client) => !!client)
    .map((client) => ({ id: client.id, displayName: displayNameOf(client) }));
  return {
    id: appointment.id,
    therapist: {
      id: appointment.therapistId,
      displayName: appointment.therapist?.displayName ?? '',
      isActive: appointment.therapist?.isActive ?? false,
    },
    kind: appointment.kind,
    status: appointment.status,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    location: appointment.location,
    clients,
    prospect: appointment.prospectName
      ? {
          name: appointment.prospectName,
          email: appointment.prospectEmail,
          phone: appointment.prospectPhone,
          reason: appointment.prospectReason,
        }
      : null,
    convertedClientId: appointment.convertedClientId,
    seriesId: appointment.seriesId,
    series: appointment.series ? toSeriesView(appointment.series) : null,
    overrideReason: appointment.overrideReason,
    cancelledAt: appointment.cancelledAt?.toISOString() ?? null,
    cancelledBy: appointment.cancelledBy,
    cancelReason: appointment.cancelReason,
    lateCancellation: appointment.lateCancellation,
    can,
  };
}

/** The client's own view: no other client's name, no prospect details, no admin notes. */
export function toMyAppointment(appointment: Appointment): MyAppointment {
  return {
    id: appointment.id,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    kind: appointment.kind,
    status: appointment.status,
    therapistName: appointment.therapist?.displayName ?? '',
    location: appointment.location,
  };
}

/** "J.R." from "Jordan Rivera": what a calendar on a phone may show of a person. */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((word) => /\p{L}/u.test(word))
    .map((word) => `${(word.match(/\p{L}/u)?.[0] ?? '').toUpperCase()}.`)
    .join('');
}
