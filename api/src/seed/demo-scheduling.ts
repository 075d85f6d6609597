import { addDays, todayIn, zonedTimeToInstant, type AppointmentKind } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import type { Client } from '../clients/entities/client.entity';
import { Appointment } from '../scheduling/entities/appointment.entity';
import { AvailabilityExceptionRecord } from '../scheduling/entities/availability-exception.entity';
import { WeeklyHoursRecord } from '../scheduling/entities/weekly-hours.entity';
import type { User } from '../users/entities/user.entity';

interface WeeklyDemo {
  who: string[];
  kind: AppointmentKind;
  /** 1 = Monday of the week. */
  weekday: number;
  time: string;
  minutes: number;
  everyWeeks: 1 | 2;
  location: string;
}

/**
 * Working hours for both demo therapists and a month of appointments around the day the demo
 * starts: weekly sessions (past ones completed, one no-show, one late cancellation), a couples
 * session every other week, a consultation with a prospect coming up and one already held.
 */
export async function seedDemoScheduling(
  manager: EntityManager,
  ids: {
    clinicId: string;
    timeZone: string;
    admin: User;
    therapist: User;
    therapist2: User;
    clients: Map<string, Client>;
  },
): Promise<void> {
  const { timeZone, clinicId } = ids;
  // Dr. Okafor: weekdays 09:00–12:00 and 13:00–17:00; Sam Lindqvist: Monday to Thursday 10:00–18:00.
  for (const weekday of [1, 2, 3, 4, 5])
    await manager.insert(WeeklyHoursRecord, [
      { therapistId: ids.therapist.id, clinicId, weekday, startsAt: 540, endsAt: 720 },
      { therapistId: ids.therapist.id, clinicId, weekday, startsAt: 780, endsAt: 1020 },
    ]);
  for (const weekday of [1, 2, 3, 4])
    await manager.insert(WeeklyHoursRecord, {
      therapistId: ids.therapist2.id,
      clinicId,
      weekday,
      startsAt: 600,
      endsAt: 1080,
    });

  const today = todayIn(timeZone);
  const todayWeekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const monday = addDays(today, 1 - todayWeekday);
  await manager.insert(AvailabilityExceptionRecord, {
    therapistId: ids.therapist.id,
    clinicId,
    onDate: addDays(monday, 18),
    kind: 'time_off',
    startsAt: null,
    endsAt: null,
    note: 'Training day',
  });

  const weekly: WeeklyDemo[] = [
    {
      who: ['Jordan Rivera'],
      kind: 'session',
      weekday: 2,
      time: '10:00',
      minutes: 50,
      everyWeeks: 1,
      location: 'Room 2',
    },
    {
      who: ['Jordan Rivera', 'Alexander Rivera'],
      kind: 'couples',
      weekday: 4,
      time: '14:00',
      minutes: 80,
      everyWeeks: 2,
      location: 'Room 1',
    },
    {
      who: ['Priya Nair'],
      kind: 'session',
      weekday: 1,
      time: '11:00',
      minutes: 50,
      everyWeeks: 1,
      location: 'Telehealth: https://meet.example.net/okafor',
    },
    {
      who: ['Zoë Lambert'],
      kind: 'session',
      weekday: 3,
      time: '15:00',
      minutes: 50,
      everyWeeks: 1,
      location: 'Room 2',
    },
    {
      who: ['王芳'],
      kind: 'session',
      weekday: 2,
      time: '10:00',
      minutes: 50,
      everyWeeks: 1,
      location: 'Room 3',
    },
    {
      who: ['Marcus Bell'],
      kind: 'session',
      weekday: 3,
      time: '16:00',
      minutes: 50,
      everyWeeks: 1,
      location: 'Room 3',
    },
  ];
  const therapistOf = (client: Client) =>
    client.primaryTherapistId === ids.therapist2.id ? ids.therapist2 : ids.therapist;
  const now = Date.now();
  const rows: Partial<Appointment>[] = [];
  for (const demo of weekly) {
    const [first, second] = demo.who.map((name) => ids.clients.get(name));
    if (!first) throw new Error(`demo scheduling: no client ${demo.who[0]}`);
    for (let week = -3; week <= 3; week += demo.everyWeeks) {
      const date = addDays(monday, week * 7 + demo.weekday - 1);
      const startsAt = zonedTimeToInstant(date, demo.time, timeZone);
      const endsAt = new Date(startsAt.getTime() + demo.minutes * 60_000);
      rows.push({
        therapistId: therapistOf(first).id,
        kind: demo.kind,
        status: endsAt.getTime() < now ? 'completed' : 'scheduled',
        startsAt,
        endsAt,
        location: demo.location,
        clientId: first.id,
        partnerClientId: second?.id ?? null,
      });
    }
  }
  // One past session the client missed, one cancelled late.
  const priyaPast = rows.find((row) => row.clientId === ids.clients.get('Priya Nair')?.id);
  if (priyaPast) priyaPast.status = 'no_show';
  const zoeNext = rows.find(
    (row) =>
      row.clientId === ids.clients.get('Zoë Lambert')?.id && (row.startsAt?.getTime() ?? 0) > now,
  );
  if (zoeNext)
    Object.assign(zoeNext, {
      status: 'cancelled',
      cancelledAt: new Date(now),
      cancelledBy: ids.admin.id,
      cancelReason: 'Client has a work trip',
      lateCancellation: (zoeNext.startsAt?.getTime() ?? 0) - now < 24 * 3_600_000,
    });

  // A consultation Sam held last week, still to be marked (then it can become a client file),
  // and one coming up with Dr. Okafor.
  const prospect = (
    therapist: User,
    days: number,
    time: string,
    name: string,
    email: string,
    reason: string,
  ) => {
    const startsAt = zonedTimeToInstant(addDays(monday, days), time, timeZone);
    rows.push({
      therapistId: therapist.id,
      kind: 'consultation',
      status: 'scheduled',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 50 * 60_000),
      location: 'Room 1',
      clientId: null,
      prospectName: name,
      prospectEmail: email,
      prospectPhone: '+1 312 555 0199',
      prospectReason: reason,
    });
  };
  prospect(
    ids.therapist2,
    -5,
    '13:00',
    'Riley Chen',
    'riley.chen@example.net',
    'Referred by a friend; asked about individual work',
  );
  prospect(
    ids.therapist,
    8,
    '13:00',
    'Taylor Brooks',
    'taylor.brooks@example.net',
    'Asked about couples sessions',
  );

  for (const row of rows)
    await manager.insert(Appointment, {
      clinicId: ids.clinicId,
      createdBy: ids.admin.id,
      location: null,
      prospectName: null,
      prospectEmail: null,
      prospectPhone: null,
      prospectReason: null,
      ...row,
    });
}
