import ICAL from 'ical.js';
import {
  addDays,
  offsetMinutesAt,
  todayIn,
  wallClockAt,
  zonedTimeToInstant,
  type ApiErrorBody,
  type AppointmentView,
  type BookingResult,
  type CalendarFeedCreated,
  type FollowingResult,
} from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const TZ = 'America/Chicago';
const HOUR = 3_600_000;
const allWeek = () =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const at = (days: number, time: string) =>
  zonedTimeToInstant(addDays(todayIn(TZ), days), time, TZ).toISOString();
const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();
const localOf = (iso: string) => wallClockAt(new Date(iso), TZ);

/** Days from today to the next day whose noon is on another UTC offset than the day before's. */
function daysToNextClockChange(): number {
  const offset = (days: number) => offsetMinutesAt(new Date(at(days, '12:00')), TZ);
  for (let days = 3; days < 400; days++) if (offset(days) !== offset(days - 1)) return days;
  throw new Error('no daylight-saving change in Chicago within a year');
}

/**
 * Series of appointments (every N weeks, by count or until a date) through the API and the
 * calendar feed, in a Chicago clinic, on dates found from today so the test does not age.
 */
describe('Appointment series', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let otherAdminToken: string;
  let client: Client;
  let feedUrl: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { timeZone: TZ });
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (
      await signIn(test, (await createUser(test.dataSource, clinic, 'therapist')).email)
    ).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    const otherClinic = await createClinic(test.dataSource, { timeZone: TZ });
    otherAdminToken = (
      await signIn(test, (await createUser(test.dataSource, otherClinic, 'admin')).email)
    ).token;
    client = await createClient(test.dataSource, clinic, {
      legalName: 'Jordan Rivera',
      primaryTherapistId: therapist.id,
      reminderConsent: true,
    });
    await as(test, adminToken)
      .put(`/api/therapists/${therapist.id}/availability`)
      .send({ timeZone: TZ, weekly: allWeek(), exceptions: [] })
      .expect(200);
    feedUrl = (
      (
        await as(test, therapistToken)
          .post(`/api/therapists/${therapist.id}/calendar-feed`)
          .expect(201)
      ).body as CalendarFeedCreated
    ).url;
  });
  afterAll(() => test.close());

  const admin = () => as(test, adminToken);
  const session = (start: string, series?: Record<string, unknown>) => ({
    therapistId: therapist.id,
    kind: 'session',
    start,
    end: plus(start, 50),
    clientIds: [client.id],
    location: 'Room 2',
    ...(series ? { series } : {}),
  });
  const book = async (start: string, series?: Record<string, unknown>) =>
    (
      (await admin().post('/api/appointments').send(session(start, series)).expect(201))
        .body as BookingResult
    ).appointments;
  const stored = async () => {
    const [row] = await test.dataSource.query<{ appointments: number; series: number }[]>(
      `SELECT (SELECT count(*)::int FROM appointments) AS appointments,
              (SELECT count(*)::int FROM appointment_series) AS series`,
    );
    return row;
  };
  const feed = async () => {
    const text = (await test.http.get(feedUrl).expect(200)).text;
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    const byId = (id: string) => events.find((event) => event.uid === `${id}@cairn`);
    return { text, byId };
  };
  const sequenceOf = (event: ICAL.Event | undefined) =>
    Number(event?.component.getFirstPropertyValue('sequence'));
  const remindersOf = (id: string) =>
    test.dataSource.query<{ status: string; due_at: Date }[]>(
      `SELECT status, due_at FROM planned_messages
        WHERE subject_id = $1 AND kind = 'appointment_reminder' ORDER BY due_at`,
      [id],
    );

  it('books every 3rd week at one wall-clock time across a daylight-saving change, the same dates ical.js expands and the feed carries', async () => {
    const change = daysToNextClockChange();
    const start = at(Math.max(2, change - 10), '10:00');
    const booked = await book(start, { intervalWeeks: 3, count: 4 });

    expect(booked).toHaveLength(4);
    expect(booked.map((item) => localOf(item.start).time)).toEqual([
      '10:00',
      '10:00',
      '10:00',
      '10:00',
    ]);
    const dates = booked.map((item) => localOf(item.start).date);
    expect(dates).toEqual([0, 21, 42, 63].map((days) => addDays(dates[0] ?? '', days)));
    // The change falls inside the series: the UTC hour differs, the clinic's hour does not.
    const offsets = booked.map((item) => offsetMinutesAt(new Date(item.start), TZ));
    expect(offsets[0]).not.toBe(offsets[3]);
    const series = booked[0]?.series;
    expect(series).toMatchObject({ intervalWeeks: 3, count: 4, until: null });
    expect(series?.rule).toBe('FREQ=WEEKLY;INTERVAL=3;COUNT=4');
    expect(new Set(booked.map((item) => item.seriesId))).toEqual(new Set([series?.id]));

    // ical.js, a second implementation of RFC 5545, expands the series' rule to the same dates.
    const [year, month, day] = (dates[0] ?? '').split('-').map(Number);
    const iterator = ICAL.Recur.fromString(series?.rule ?? '').iterator(
      ICAL.Time.fromData({ year, month, day, hour: 10, minute: 0, isDate: false }),
    );
    const expanded: string[] = [];
    for (let next = iterator.next(); next && expanded.length < 30; next = iterator.next())
      expanded.push(zonedTimeToInstant(next.toString().slice(0, 10), '10:00', TZ).toISOString());
    expect(expanded).toEqual(booked.map((item) => item.start));

    // The feed: one event per occurrence, each with its own UID, at the booked instants.
    const { byId, text } = await feed();
    expect(booked.map((item) => byId(item.id)?.startDate.toJSDate().toISOString())).toEqual(
      booked.map((item) => item.start),
    );
    expect(text).not.toContain('RRULE');
    expect(text).not.toContain('Jordan');
  });

  it('ends a series on its until date, and refuses bad series, storing nothing', async () => {
    const start = at(3, '08:00');
    const booked = await book(start, {
      intervalWeeks: 2,
      until: addDays(localOf(start).date, 29),
    });
    expect(booked.map((item) => localOf(item.start).date)).toEqual(
      [0, 14, 28].map((days) => addDays(localOf(start).date, days)),
    );
    expect(booked[0]?.series).toMatchObject({ intervalWeeks: 2, count: null });

    const before = await stored();
    const refuse = async (series: Record<string, unknown>, fields: string[]) => {
      const response = await admin()
        .post('/api/appointments')
        .send(session(at(4, '07:00'), series))
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
    };
    await refuse({ intervalWeeks: 9, count: 3 }, ['series.intervalWeeks']);
    await refuse({ intervalWeeks: 0, count: 3 }, ['series.intervalWeeks']);
    await refuse({ intervalWeeks: 2 }, ['series.count']);
    await refuse({ intervalWeeks: 2, count: 3, until: addDays(todayIn(TZ), 60) }, ['series.count']);
    await refuse({ intervalWeeks: 2, frequency: 'weekly', count: 3 }, ['series.intervalWeeks']);
    await refuse({ count: 3, until: 'next week' }, ['series.until']);
    await refuse({ intervalWeeks: 1, until: addDays(todayIn(TZ), 2) }, ['series.until']);
    await refuse({ intervalWeeks: 1, until: addDays(todayIn(TZ), 400) }, ['series.until']);
    expect(await stored()).toEqual(before);
  });

  it('refuses the whole series with 409 naming each date that clashes, storing nothing', async () => {
    const start = at(5, '14:00');
    await book(at(19, '14:30'));
    await book(at(33, '13:30'));
    const before = await stored();
    const refused = await admin()
      .post('/api/appointments')
      .send(session(start, { intervalWeeks: 2, count: 4 }))
      .expect(409);
    const message = (refused.body as ApiErrorBody).message;
    for (const days of [19, 33]) {
      const day = new Intl.DateTimeFormat('en-US', {
        timeZone: TZ,
        month: 'short',
        day: 'numeric',
      }).format(new Date(at(days, '12:00')));
      expect(message).toContain(day);
    }
    expect(await stored()).toEqual(before);
  });

  it('changes "this and following": the series splits there, the later ones move (same UID, higher SEQUENCE, reminders planned anew), the earlier ones stay', async () => {
    const booked = await book(at(6, '09:00'), { intervalWeeks: 1, count: 6 });
    const ids = booked.map((item) => item.id);
    const oldSeries = booked[0]?.seriesId ?? '';
    const before = await feed();
    const oldReminders = await remindersOf(ids[2] ?? '');
    expect(oldReminders.length).toBeGreaterThan(0);

    // From the third on: 11:00 instead of 09:00, 60 minutes, every 2 weeks.
    const newStart = zonedTimeToInstant(localOf(booked[2]?.start ?? '').date, '11:00', TZ);
    const changed = (
      await as(test, therapistToken)
        .patch(`/api/appointments/${ids[2]}/following`)
        .send({
          start: newStart.toISOString(),
          end: plus(newStart.toISOString(), 60),
          intervalWeeks: 2,
        })
        .expect(200)
    ).body as FollowingResult;

    expect(changed.appointments.map((item) => item.id)).toEqual(ids.slice(2));
    expect(changed.series).toMatchObject({
      intervalWeeks: 2,
      count: 4,
      previousSeriesId: oldSeries,
      rule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4',
    });
    expect(changed.appointments.map((item) => item.start)).toEqual(
      [0, 14, 28, 42].map((days) =>
        zonedTimeToInstant(
          addDays(localOf(newStart.toISOString()).date, days),
          '11:00',
          TZ,
        ).toISOString(),
      ),
    );
    expect(
      changed.appointments.every(
        (item) => Date.parse(item.end) - Date.parse(item.start) === 60 * 60_000,
      ),
    ).toBe(true);
    expect(new Set(changed.appointments.map((item) => item.seriesId))).toEqual(
      new Set([changed.series?.id]),
    );

    // The two before are as booked, in the old series, which now ends with them.
    const earlier = await Promise.all(
      ids
        .slice(0, 2)
        .map(
          async (id) =>
            (await admin().get(`/api/appointments/${id}`).expect(200)).body as AppointmentView,
        ),
    );
    expect(earlier.map((item) => [item.start, item.seriesId])).toEqual(
      booked.slice(0, 2).map((item) => [item.start, oldSeries]),
    );
    expect(earlier[0]?.series).toMatchObject({ id: oldSeries, count: 2 });

    const after = await feed();
    for (const id of ids.slice(0, 2)) expect(sequenceOf(after.byId(id))).toBe(0);
    for (const id of ids.slice(2)) {
      expect(after.byId(id)).toBeDefined();
      expect(sequenceOf(after.byId(id))).toBeGreaterThan(sequenceOf(before.byId(id)));
    }
    expect(
      after
        .byId(ids[3] ?? '')
        ?.startDate.toJSDate()
        .toISOString(),
    ).toBe(changed.appointments[1]?.start);

    // The old times' reminders are stopped; the live ones are for the new time.
    for (const item of changed.appointments) {
      const reminders = await remindersOf(item.id);
      const live = reminders.filter((row) => row.status !== 'stopped');
      expect(live.length).toBeGreaterThan(0);
      // 48 hours ahead is the same wall-clock time two days before; 2 hours is 2 real hours.
      const due = [
        zonedTimeToInstant(addDays(localOf(item.start).date, -2), '11:00', TZ).getTime(),
        Date.parse(item.start) - 2 * HOUR,
      ];
      for (const row of live) expect(due).toContain(row.due_at.getTime());
    }
    expect(
      (await remindersOf(ids[2] ?? '')).filter((row) => row.status === 'stopped'),
    ).toHaveLength(oldReminders.length);

    // A single occurrence can still be moved on its own.
    await as(test, therapistToken)
      .patch(`/api/appointments/${ids[3]}`)
      .send({ start: plus(changed.appointments[1]?.start ?? '', 30) })
      .expect(200);

    // Cancel "this and following" from the fifth: the last two are cancelled, reminders stop.
    const cancelled = (
      await admin()
        .post(`/api/appointments/${ids[4]}/cancel-following`)
        .send({ reason: 'Ending treatment early' })
        .expect(200)
    ).body as FollowingResult;
    expect(cancelled.appointments.map((item) => [item.id, item.status])).toEqual([
      [ids[4], 'cancelled'],
      [ids[5], 'cancelled'],
    ]);
    expect(cancelled.series).toMatchObject({ id: changed.series?.id, count: 2 });
    for (const id of ids.slice(4))
      expect((await remindersOf(id)).every((row) => row.status === 'stopped')).toBe(true);
    const last = await feed();
    expect(last.byId(ids[5] ?? '')?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(last.byId(ids[2] ?? '')?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('a series by date keeps its end: a longer gap cancels what no longer fits, a shorter one books more', async () => {
    const start = at(9, '18:00');
    const first = localOf(start).date;
    const booked = await book(start, { intervalWeeks: 1, until: addDays(first, 35) });
    const ids = booked.map((item) => item.id);
    expect(ids).toHaveLength(6);

    // From the second on (day 7), every 2 weeks to the same end: days 7, 21, 35; two left over.
    const wider = (
      await admin()
        .patch(`/api/appointments/${ids[1]}/following`)
        .send({ intervalWeeks: 2 })
        .expect(200)
    ).body as FollowingResult;
    expect(wider.series).toMatchObject({
      intervalWeeks: 2,
      until: addDays(first, 35),
      count: null,
    });
    const scheduled = wider.appointments.filter((item) => item.status === 'scheduled');
    expect(scheduled.map((item) => localOf(item.start).date)).toEqual(
      [7, 21, 35].map((days) => addDays(first, days)),
    );
    // The rows kept are the first three of the following, in order: their UIDs carry on.
    expect(scheduled.map((item) => item.id)).toEqual(ids.slice(1, 4));
    const { byId } = await feed();
    for (const id of ids.slice(4))
      expect(byId(id)?.component.getFirstPropertyValue('status')).toBe('CANCELLED');

    // Back to every week from day 21: days 21, 28, 35, the third one booked anew.
    const narrower = (
      await admin()
        .patch(`/api/appointments/${ids[2]}/following`)
        .send({ intervalWeeks: 1 })
        .expect(200)
    ).body as FollowingResult;
    expect(narrower.appointments.map((item) => localOf(item.start).date)).toEqual(
      [21, 28, 35].map((days) => addDays(first, days)),
    );
    expect(narrower.appointments.slice(0, 2).map((item) => item.id)).toEqual(ids.slice(2, 4));
    expect(narrower.appointments[2]?.clients.map((one) => one.id)).toEqual([client.id]);
    const earlier = (await admin().get(`/api/appointments/${ids[1]}`).expect(200))
      .body as AppointmentView;
    expect(earlier.series).toMatchObject({ until: addDays(first, 20) });
  });

  it('refuses a change of the following that clashes, naming the date, and changes nothing', async () => {
    const booked = await book(at(7, '16:00'), { intervalWeeks: 1, count: 3 });
    await book(at(21, '17:00'));
    const before = await stored();
    const refused = await admin()
      .patch(`/api/appointments/${booked[1]?.id}/following`)
      .send({ start: plus(booked[1]?.start ?? '', 60) })
      .expect(409);
    expect((refused.body as ApiErrorBody).message).toContain('17:00–17:50');
    expect(await stored()).toEqual(before);
    const again = (await admin().get(`/api/appointments/${booked[1]?.id}`).expect(200))
      .body as AppointmentView;
    expect([again.start, again.seriesId]).toEqual([booked[1]?.start, booked[1]?.seriesId]);
  });

  it('answers 404 to another therapist and another clinic, and changes nothing', async () => {
    const booked = await book(at(8, '12:00'), { intervalWeeks: 4, count: 2 });
    const id = booked[0]?.id ?? '';
    for (const token of [colleagueToken, otherAdminToken]) {
      await as(test, token)
        .patch(`/api/appointments/${id}/following`)
        .send({ intervalWeeks: 2 })
        .expect(404);
      await as(test, token)
        .post(`/api/appointments/${id}/cancel-following`)
        .send({ reason: 'No' })
        .expect(404);
    }
    const again = (await admin().get(`/api/appointments/${id}`).expect(200))
      .body as AppointmentView;
    expect([again.status, again.start, again.series?.intervalWeeks]).toEqual([
      'scheduled',
      booked[0]?.start,
      4,
    ]);
  });
});
