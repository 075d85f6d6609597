import ICAL from 'ical.js';
import {
  addDays,
  todayIn,
  zonedTimeToInstant,
  type ApiErrorBody,
  type AppointmentView,
  type BookingResult,
  type CalendarFeedCreated,
  type ClientDetail,
  type ConvertProspectResult,
  type FreeSlots,
  type MyAppointments,
  type TherapistAvailability,
} from '@cairn/contracts';
import { createHash } from 'node:crypto';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { Appointment } from './entities/appointment.entity';

const TZ = 'America/Chicago';
const allWeek = (start = '00:00', end = '24:00') =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));
/** An instant `days` from today at a wall-clock time in the clinic. */
const at = (days: number, time: string) =>
  zonedTimeToInstant(addDays(todayIn(TZ), days), time, TZ).toISOString();
const plus = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

describe('Scheduling', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let colleague: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let client: Client;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { timeZone: TZ });
    therapist = await createUser(test.dataSource, clinic, 'therapist', {
      displayName: 'Dr Ada Lane',
    });
    colleague = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (await signIn(test, colleague.email)).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    client = await createClient(test.dataSource, clinic, {
      legalName: 'Jordan Rivera',
      primaryTherapistId: therapist.id,
    });
    for (const who of [therapist, colleague])
      await as(test, adminToken)
        .put(`/api/therapists/${who.id}/availability`)
        .send({ timeZone: TZ, weekly: allWeek(), exceptions: [] })
        .expect(200);
  });
  afterAll(() => test.close());

  const admin = () => as(test, adminToken);
  const countAppointments = async () => test.dataSource.manager.count(Appointment);
  const session = (start: string, minutes = 50, extra: Record<string, unknown> = {}) => ({
    therapistId: therapist.id,
    kind: 'session',
    start,
    end: plus(start, minutes),
    clientIds: [client.id],
    location: 'Room 2',
    ...extra,
  });
  /** An appointment that already started, written straight to the table (the API refuses the past). */
  async function pastAppointment(overrides: Partial<Appointment> = {}): Promise<Appointment> {
    const start = new Date(Date.now() - 30 * 60_000);
    return test.dataSource.manager.save(
      test.dataSource.manager.create(Appointment, {
        clinicId: clinic.id,
        therapistId: therapist.id,
        kind: 'consultation',
        status: 'scheduled',
        startsAt: start,
        endsAt: new Date(start.getTime() + 50 * 60_000),
        location: 'Room 1',
        clientId: null,
        prospectName: 'Sam Okafor',
        prospectEmail: 'sam@example.test',
        prospectPhone: '+1 312 555 0101',
        prospectReason: 'Asked about individual work',
        createdBy: therapist.id,
        ...overrides,
      }),
    );
  }

  describe('availability', () => {
    it('is kept in the clinic time zone and read back as set', async () => {
      const body = {
        timeZone: TZ,
        weekly: [
          { weekday: 1, start: '09:00', end: '12:00' },
          { weekday: 1, start: '13:00', end: '17:00' },
        ],
        exceptions: [
          { date: '2026-12-24', kind: 'time_off', start: null, end: null, note: 'Holiday' },
          { date: '2026-12-26', kind: 'extra_hours', start: '10:00', end: '12:00', note: null },
        ],
      };
      const saved = (
        await as(test, colleagueToken)
          .put(`/api/therapists/${colleague.id}/availability`)
          .send(body)
          .expect(200)
      ).body as TherapistAvailability;
      expect(saved).toEqual({ therapistId: colleague.id, ...body });
      const read = await admin().get(`/api/therapists/${colleague.id}/availability`).expect(200);
      expect(read.body).toEqual(saved);
      await as(test, adminToken)
        .put(`/api/therapists/${colleague.id}/availability`)
        .send({ timeZone: TZ, weekly: allWeek(), exceptions: [] })
        .expect(200);
    });

    it('refuses an unknown time zone, another zone, and hours that end before they start, storing nothing', async () => {
      const put = (body: object) =>
        as(test, therapistToken).put(`/api/therapists/${therapist.id}/availability`).send(body);
      const unknownZone = await put({ timeZone: 'Mars/Base', weekly: [], exceptions: [] }).expect(
        400,
      );
      expect(fieldsOf(unknownZone.body)).toEqual(['timeZone']);
      const otherZone = await put({ timeZone: 'Europe/Paris', weekly: [], exceptions: [] }).expect(
        400,
      );
      expect((otherZone.body as ApiErrorBody).fields?.[0]?.problems[0]).toContain(
        'America/Chicago',
      );
      const backwards = await put({
        timeZone: TZ,
        weekly: [{ weekday: 2, start: '17:00', end: '09:00' }],
        exceptions: [
          { date: '2026-12-01', kind: 'extra_hours', start: null, end: null, note: null },
        ],
      }).expect(400);
      expect(fieldsOf(backwards.body)).toEqual(['exceptions.0', 'weekly.0.end']);
      const badValues = await put({
        timeZone: TZ,
        weekly: [{ weekday: 8, start: '25:00', end: '9am' }],
        exceptions: [],
      }).expect(400);
      expect(fieldsOf(badValues.body)).toEqual([
        'weekly.0.end',
        'weekly.0.start',
        'weekly.0.weekday',
      ]);
      const kept = await put({ timeZone: TZ, weekly: allWeek(), exceptions: [] }).expect(200);
      expect((kept.body as TherapistAvailability).weekly).toHaveLength(7);
    });

    it("is the therapist's own and the admin's: a colleague gets 404, a client 403", async () => {
      await as(test, colleagueToken)
        .get(`/api/therapists/${therapist.id}/availability`)
        .expect(404);
      await as(test, colleagueToken)
        .put(`/api/therapists/${therapist.id}/availability`)
        .send({ timeZone: TZ, weekly: [], exceptions: [] })
        .expect(404);
      const portal = await createUser(test.dataSource, clinic, 'client');
      await as(test, (await signIn(test, portal.email)).token)
        .get(`/api/therapists/${therapist.id}/availability`)
        .expect(403);
      const otherClinic = await createClinic(test.dataSource);
      const foreignAdmin = await createUser(test.dataSource, otherClinic, 'admin');
      await as(test, (await signIn(test, foreignAdmin.email)).token)
        .get(`/api/therapists/${therapist.id}/availability`)
        .expect(404);
    });
  });

  describe('booking', () => {
    it('books a session, audited, and shows it on the schedule', async () => {
      const start = at(10, '10:00');
      const booked = (await admin().post('/api/appointments').send(session(start)).expect(201))
        .body as BookingResult;
      const [appointment] = booked.appointments;
      expect(appointment).toMatchObject({
        kind: 'session',
        status: 'scheduled',
        start,
        end: plus(start, 50),
        location: 'Room 2',
        clients: [{ id: client.id, displayName: 'Jordan Rivera' }],
        therapist: { id: therapist.id, displayName: 'Dr Ada Lane' },
        prospect: null,
        seriesId: null,
      });
      const audit = await test.dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM audit_events WHERE action = 'appointment.created' AND entity_id = $1`,
        [appointment?.id],
      );
      expect(Number(audit[0]?.count)).toBe(1);
      const list = (
        await as(test, therapistToken)
          .get(
            `/api/appointments?from=${encodeURIComponent(at(9, '00:00'))}&to=${encodeURIComponent(at(11, '00:00'))}`,
          )
          .expect(200)
      ).body as AppointmentView[];
      expect(list.map((item) => item.id)).toContain(appointment?.id);
    });

    it('answers a booking with each appointment exactly as a fresh read shows it', async () => {
      // The answer is built from what the booking wrote, not read back: it must not differ.
      const bookings = [
        {
          token: adminToken,
          body: session(at(60, '15:00'), 50, { series: { frequency: 'weekly', count: 2 } }),
        },
        {
          token: therapistToken,
          body: {
            ...session(at(60, '17:00')),
            clientIds: undefined,
            kind: 'consultation',
            location: undefined,
            prospect: { name: 'Sam Okafor', email: 'sam@example.test', phone: null, reason: null },
          },
        },
      ];
      for (const { token, body } of bookings) {
        const booked = (await as(test, token).post('/api/appointments').send(body).expect(201))
          .body as BookingResult;
        expect(booked.appointments.length).toBeGreaterThan(0);
        for (const appointment of booked.appointments)
          expect(appointment).toEqual(
            (await as(test, token).get(`/api/appointments/${appointment.id}`).expect(200)).body,
          );
      }
    });

    it('refuses bad input with a 400 naming the field and stores nothing', async () => {
      const before = await countAppointments();
      const start = at(11, '10:00');
      const cases: [object, string[]][] = [
        [{ ...session(start), end: plus(start, -10) }, ['end']],
        [{ ...session(start), end: start }, ['end']],
        [{ ...session(start), end: plus(start, 5 * 60) }, ['end']],
        [
          session(new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000).toISOString()),
          ['start'],
        ],
        [{ ...session(start), kind: 'massage' }, ['kind']],
        [{ ...session(start), prospect: { name: 'X' } }, ['prospect']],
        [{ ...session(start), clientIds: [] }, ['clientIds']],
        [{ ...session(start), kind: 'couples' }, ['clientIds']],
        [
          { ...session(start), series: { frequency: 'daily', count: 100 } },
          ['series.count', 'series.frequency'],
        ],
        [{ ...session(start), clinicId: clinic.id }, ['clinicId']],
        // A day that does not exist, not quietly moved to 2 March.
        [
          { ...session('2027-02-30T10:00:00-06:00'), end: '2027-02-30T10:50:00-06:00' },
          ['end', 'start'],
        ],
      ];
      for (const [body, fields] of cases) {
        const response = await admin().post('/api/appointments').send(body);
        expect({ body, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          body,
          status: 400,
          fields,
        });
      }
      expect(await countAppointments()).toBe(before);
    });

    it('answers 404 alike for a therapist who does not exist and one of another clinic, storing nothing', async () => {
      const before = await countAppointments();
      const elsewhere = await createClinic(test.dataSource, { timeZone: TZ });
      const theirs = await createUser(test.dataSource, elsewhere, 'therapist');
      const start = at(11, '11:00');
      const answers = [];
      for (const therapistId of ['2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f', theirs.id]) {
        const response = await admin()
          .post('/api/appointments')
          .send({
            ...session(start),
            clientIds: undefined,
            kind: 'consultation',
            therapistId,
            prospect: { name: 'Sam Okafor', email: null, phone: null, reason: null },
          });
        answers.push({ status: response.status, message: (response.body as ApiErrorBody).message });
      }
      expect(answers).toEqual([
        { status: 404, message: 'Therapist not found.' },
        { status: 404, message: 'Therapist not found.' },
      ]);
      expect(await countAppointments()).toBe(before);
    });

    it('refuses a deactivated therapist and a client the caller may not know', async () => {
      const gone = await createUser(test.dataSource, clinic, 'therapist', { isActive: false });
      const start = at(12, '10:00');
      const deactivated = await admin()
        .post('/api/appointments')
        .send({ ...session(start), therapistId: gone.id })
        .expect(400);
      expect((deactivated.body as ApiErrorBody).fields?.[0]?.problems[0]).toContain('deactivated');
      await admin()
        .post('/api/appointments')
        .send({ ...session(start), clientIds: ['2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f'] })
        .expect(404);
      // A colleague's client and a colleague's schedule are not the therapist's to book.
      const notMine = await createClient(test.dataSource, clinic, {
        primaryTherapistId: colleague.id,
      });
      await as(test, therapistToken)
        .post('/api/appointments')
        .send({ ...session(start), clientIds: [notMine.id] })
        .expect(404);
      // A colleague's schedule is not visible to a therapist at all (as its hours are not): 404.
      await as(test, therapistToken)
        .post('/api/appointments')
        .send({ ...session(start), therapistId: colleague.id, clientIds: [notMine.id] })
        .expect(404);
    });

    it('answers 409 naming the clash, and a cancelled appointment frees its time', async () => {
      const start = at(13, '14:00');
      const first = (
        (await admin().post('/api/appointments').send(session(start)).expect(201))
          .body as BookingResult
      ).appointments[0];
      const clash = await admin()
        .post('/api/appointments')
        .send(session(plus(start, 30), 50))
        .expect(409);
      expect((clash.body as ApiErrorBody).message).toMatch(
        /Dr Ada Lane is already booked then: Session \w{3}, \w{3} \d+, \d{4}, 14:00–14:50/,
      );
      // Back to back is not a clash: the ranges are half-open.
      await admin()
        .post('/api/appointments')
        .send(session(plus(start, 50), 30))
        .expect(201);

      await admin()
        .post(`/api/appointments/${first?.id}/cancel`)
        .send({ reason: 'Client asked to move' })
        .expect(200);
      await admin().post('/api/appointments').send(session(start, 50)).expect(201);
    });

    it('lets exactly one of many simultaneous bookings of one slot through', async () => {
      const start = at(14, '09:00');
      const attempts = await Promise.all(
        Array.from({ length: 12 }, () => admin().post('/api/appointments').send(session(start))),
      );
      const statuses = attempts.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(11).fill(409)]);
      const live = await test.dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM appointments WHERE therapist_id = $1 AND starts_at = $2 AND status = 'scheduled'`,
        [therapist.id, start],
      );
      expect(Number(live[0]?.count)).toBe(1);
      for (const refused of attempts.filter((response) => response.status === 409))
        expect((refused.body as ApiErrorBody).message).toContain('already booked');

      // The database holds the line on its own, whatever the API checks first.
      const overlapping = test.dataSource.manager.insert(Appointment, {
        clinicId: clinic.id,
        therapistId: therapist.id,
        kind: 'session',
        startsAt: new Date(plus(start, 10)),
        endsAt: new Date(plus(start, 40)),
        clientId: client.id,
        createdBy: therapist.id,
      });
      await expect(overlapping).rejects.toMatchObject({
        code: '23P01',
        constraint: 'appointments_no_overlap',
      });
    });

    it('refuses a booking outside working hours unless an admin overrides it with a reason', async () => {
      const day = addDays(todayIn(TZ), 20);
      await admin()
        .put(`/api/therapists/${colleague.id}/availability`)
        .send({
          timeZone: TZ,
          weekly: allWeek('09:00', '17:00'),
          exceptions: [{ date: day, kind: 'time_off', start: '12:00', end: '13:00', note: null }],
        })
        .expect(200);
      const mine = await createClient(test.dataSource, clinic, {
        primaryTherapistId: colleague.id,
      });
      const evening = zonedTimeToInstant(day, '18:00', TZ).toISOString();
      const lunch = zonedTimeToInstant(day, '12:00', TZ).toISOString();
      const body = (start: string, extra = {}) => ({
        ...session(start),
        therapistId: colleague.id,
        clientIds: [mine.id],
        ...extra,
      });
      const refused = await as(test, colleagueToken)
        .post('/api/appointments')
        .send(body(evening))
        .expect(409);
      expect((refused.body as ApiErrorBody).message).toContain('working hours');
      await admin().post('/api/appointments').send(body(lunch)).expect(409);
      await as(test, colleagueToken)
        .post('/api/appointments')
        .send(body(evening, { overrideReason: 'Client works days' }))
        .expect(403);
      const overridden = (
        await admin()
          .post('/api/appointments')
          .send(body(evening, { overrideReason: 'Client works days' }))
          .expect(201)
      ).body as BookingResult;
      expect(overridden.appointments[0]?.overrideReason).toBe('Client works days');
      // Inside hours, a reason is not needed and not kept.
      const inside = (
        await admin()
          .post('/api/appointments')
          .send(body(zonedTimeToInstant(day, '09:00', TZ).toISOString(), { overrideReason: 'x' }))
          .expect(201)
      ).body as BookingResult;
      expect(inside.appointments[0]?.overrideReason).toBeNull();
    });

    it('lists free slots from working hours minus bookings', async () => {
      const day = addDays(todayIn(TZ), 21);
      const from = zonedTimeToInstant(day, '00:00', TZ).toISOString();
      const to = zonedTimeToInstant(addDays(day, 1), '00:00', TZ).toISOString();
      const mine = await createClient(test.dataSource, clinic, {
        primaryTherapistId: colleague.id,
      });
      await admin()
        .post('/api/appointments')
        .send({
          ...session(zonedTimeToInstant(day, '10:00', TZ).toISOString(), 60),
          therapistId: colleague.id,
          clientIds: [mine.id],
        })
        .expect(201);
      const slots = (
        await admin()
          .get('/api/scheduling/slots')
          .query({ therapistId: colleague.id, from, to, duration: 60 })
          .expect(200)
      ).body as FreeSlots;
      const local = slots.slots.map((slot) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: TZ,
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(slot.start)),
      );
      expect(local[0]).toBe('09:00');
      expect(local).not.toContain('09:15');
      expect(local).not.toContain('10:00');
      expect(local).not.toContain('10:45');
      expect(local).toContain('11:00');
      expect(local).toContain('12:30'); // the lunch time off was on another day
      expect(local[local.length - 1]).toBe('16:00');
      const bad = await admin()
        .get('/api/scheduling/slots')
        .query({ therapistId: colleague.id, from: to, to: from, duration: 0 })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['duration']);
      await as(test, therapistToken)
        .get('/api/scheduling/slots')
        .query({ therapistId: colleague.id, from, to, duration: 60 })
        .expect(404);
    });
  });

  describe('daylight saving through the API (America/Chicago, 2027)', () => {
    it('offers the same wall-clock hours on both sides of each change, and only hours that exist', async () => {
      const dst = await createUser(test.dataSource, clinic, 'therapist');
      await admin()
        .put(`/api/therapists/${dst.id}/availability`)
        .send({
          timeZone: TZ,
          weekly: [
            { weekday: 1, start: '09:00', end: '10:00' },
            { weekday: 7, start: '01:00', end: '04:00' },
          ],
          exceptions: [],
        })
        .expect(200);
      const slotsBetween = async (from: string, to: string) =>
        (
          (
            await admin()
              .get('/api/scheduling/slots')
              .query({ therapistId: dst.id, from, to, duration: 60 })
              .expect(200)
          ).body as FreeSlots
        ).slots.map((slot) => slot.start);
      const sundays = (starts: string[], date: string) =>
        starts.filter((start) => start.startsWith(date));
      // Spring: clocks jump from 02:00 to 03:00 on Sunday 14 March 2027.
      const spring = await slotsBetween('2027-03-08T00:00:00Z', '2027-03-16T00:00:00Z');
      expect(spring[0]).toBe('2027-03-08T15:00:00.000Z'); // Monday 09:00 CST
      expect(spring[spring.length - 1]).toBe('2027-03-15T14:00:00.000Z'); // Monday 09:00 CDT
      // 01:00–04:00 is two real hours: hour-long starts every 15 minutes from 01:00 to 03:00.
      expect(sundays(spring, '2027-03-14')).toEqual([
        '2027-03-14T07:00:00.000Z',
        '2027-03-14T07:15:00.000Z',
        '2027-03-14T07:30:00.000Z',
        '2027-03-14T07:45:00.000Z',
        '2027-03-14T08:00:00.000Z', // 03:00 CDT: 02:00 never happens
      ]);
      // Autumn: 01:00–02:00 happens twice on Sunday 7 November 2027.
      const autumn = await slotsBetween('2027-11-01T00:00:00Z', '2027-11-09T00:00:00Z');
      expect(autumn[0]).toBe('2027-11-01T14:00:00.000Z'); // Monday 09:00 CDT
      expect(autumn[autumn.length - 1]).toBe('2027-11-08T15:00:00.000Z'); // Monday 09:00 CST
      const repeated = sundays(autumn, '2027-11-07');
      expect(repeated).toHaveLength(13); // four real hours
      expect([repeated[0], repeated[12]]).toEqual([
        '2027-11-07T06:00:00.000Z', // 01:00 CDT
        '2027-11-07T09:00:00.000Z', // 03:00 CST
      ]);
    });
  });

  describe('series', () => {
    it('books a weekly series at the same wall-clock time, as a whole', async () => {
      const start = at(15, '11:00');
      const booked = (
        await admin()
          .post('/api/appointments')
          .send(session(start, 50, { series: { frequency: 'weekly', count: 4 } }))
          .expect(201)
      ).body as BookingResult;
      expect(booked.appointments).toHaveLength(4);
      const seriesIds = new Set(booked.appointments.map((item) => item.seriesId));
      expect(seriesIds.size).toBe(1);
      const wall = booked.appointments.map((item) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: TZ,
          hour: '2-digit',
          minute: '2-digit',
          weekday: 'short',
        }).format(new Date(item.start)),
      );
      expect(new Set(wall).size).toBe(1);
      const [audited] = await test.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'appointment.created' AND entity_id = ANY($1)`,
        [booked.appointments.map((item) => item.id)],
      );
      expect(audited?.n).toBe(4);
    });

    it('refuses the whole series when any week clashes, listing every clash', async () => {
      const start = at(16, '15:00');
      // Weeks 2 and 4 of a fortnightly series are taken.
      await admin()
        .post('/api/appointments')
        .send(session(at(30, '15:00')))
        .expect(201);
      await admin()
        .post('/api/appointments')
        .send(session(at(44, '15:20'), 20))
        .expect(201);
      const before = await countAppointments();
      const refused = await admin()
        .post('/api/appointments')
        .send(session(start, 50, { series: { frequency: 'fortnightly', count: 4 } }))
        .expect(409);
      const message = (refused.body as ApiErrorBody).message;
      expect(message.match(/Session /g)).toHaveLength(2);
      expect(message).toContain('15:00–15:50');
      expect(message).toContain('15:20–15:40');
      expect(await countAppointments()).toBe(before);
    });
  });

  describe('changes and outcomes', () => {
    it('reschedules, checks the clash again, and refuses to move a cancelled appointment', async () => {
      const booked = (
        (
          await admin()
            .post('/api/appointments')
            .send(session(at(17, '10:00')))
            .expect(201)
        ).body as BookingResult
      ).appointments[0];
      const other = (
        (
          await admin()
            .post('/api/appointments')
            .send(session(at(17, '13:00')))
            .expect(201)
        ).body as BookingResult
      ).appointments[0];
      const moved = (
        await as(test, therapistToken)
          .patch(`/api/appointments/${booked?.id}`)
          .send({ start: at(17, '11:00') })
          .expect(200)
      ).body as AppointmentView;
      expect([moved.start, moved.end]).toEqual([at(17, '11:00'), at(17, '11:50')]);
      await admin()
        .patch(`/api/appointments/${booked?.id}`)
        .send({ start: at(17, '12:30') })
        .expect(409);
      await admin()
        .post(`/api/appointments/${other?.id}/cancel`)
        .send({ reason: 'Unwell' })
        .expect(200);
      await admin()
        .patch(`/api/appointments/${other?.id}`)
        .send({ location: 'Room 3' })
        .expect(409);
      await admin()
        .post(`/api/appointments/${other?.id}/cancel`)
        .send({ reason: 'again' })
        .expect(409);
      await admin().post(`/api/appointments/${booked?.id}/cancel`).send({}).expect(400);
    });

    it('marks a cancellation inside 24 hours as late, and records who cancelled and why', async () => {
      const soon = new Date(Date.now() + 3 * 3_600_000);
      soon.setUTCSeconds(0, 0);
      const booked = (
        (await admin().post('/api/appointments').send(session(soon.toISOString())).expect(201))
          .body as BookingResult
      ).appointments[0];
      const cancelled = (
        await as(test, therapistToken)
          .post(`/api/appointments/${booked?.id}/cancel`)
          .send({ reason: 'Client called in sick' })
          .expect(200)
      ).body as AppointmentView;
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        lateCancellation: true,
        cancelledBy: therapist.id,
        cancelReason: 'Client called in sick',
      });
    });

    it('closes an appointment from its day on, never a future one', async () => {
      const future = (
        (
          await admin()
            .post('/api/appointments')
            .send(session(at(18, '10:00')))
            .expect(201)
        ).body as BookingResult
      ).appointments[0];
      await admin().post(`/api/appointments/${future?.id}/complete`).expect(409);
      const past = await pastAppointment({
        kind: 'session',
        clientId: client.id,
        prospectName: null,
        prospectEmail: null,
        prospectPhone: null,
        prospectReason: null,
      });
      const noShow = (await admin().post(`/api/appointments/${past.id}/no-show`).expect(200))
        .body as AppointmentView;
      expect(noShow.status).toBe('no_show');
      await admin().post(`/api/appointments/${past.id}/complete`).expect(409);
    });

    it('turns a completed consultation prospect into a client file of that therapist, once', async () => {
      const consultation = await pastAppointment();
      await admin().post(`/api/appointments/${consultation.id}/convert-prospect`).expect(409);
      await as(test, therapistToken)
        .post(`/api/appointments/${consultation.id}/complete`)
        .expect(200);
      await as(test, therapistToken)
        .post(`/api/appointments/${consultation.id}/convert-prospect`)
        .expect(403);
      const converted = (
        await admin().post(`/api/appointments/${consultation.id}/convert-prospect`).expect(201)
      ).body as ConvertProspectResult;
      expect(converted.appointment.convertedClientId).toBe(converted.clientId);
      const file = (await admin().get(`/api/clients/${converted.clientId}`).expect(200))
        .body as ClientDetail;
      expect(file).toMatchObject({
        legalName: 'Sam Okafor',
        email: 'sam@example.test',
        phone: '+1 312 555 0101',
        status: 'active',
        primaryTherapist: { id: therapist.id },
      });
      await admin().post(`/api/appointments/${consultation.id}/convert-prospect`).expect(409);
      // The therapist now has the file on their caseload.
      await as(test, therapistToken).get(`/api/clients/${converted.clientId}`).expect(200);
    });
  });

  describe('who sees what', () => {
    it('keeps a therapist to their own schedule and another clinic out entirely', async () => {
      const booked = (
        (
          await admin()
            .post('/api/appointments')
            .send(session(at(19, '10:00')))
            .expect(201)
        ).body as BookingResult
      ).appointments[0];
      const path = `/api/appointments/${booked?.id}`;
      await as(test, therapistToken).get(path).expect(200);
      await as(test, colleagueToken).get(path).expect(404);
      await as(test, colleagueToken).post(`${path}/cancel`).send({ reason: 'x' }).expect(404);
      await as(test, colleagueToken).patch(path).send({ location: 'x' }).expect(404);
      const colleagueList = (
        await as(test, colleagueToken)
          .get('/api/appointments')
          .query({ therapistId: therapist.id, from: at(19, '00:00'), to: at(20, '00:00') })
          .expect(200)
      ).body as AppointmentView[];
      expect(colleagueList).toEqual([]);
      const otherClinic = await createClinic(test.dataSource);
      const foreign = await createUser(test.dataSource, otherClinic, 'admin');
      const foreignToken = (await signIn(test, foreign.email)).token;
      await as(test, foreignToken).get(path).expect(404);
      const foreignList = (
        await as(test, foreignToken)
          .get('/api/appointments')
          .query({ from: at(19, '00:00'), to: at(20, '00:00') })
          .expect(200)
      ).body as AppointmentView[];
      expect(foreignList).toEqual([]);
    });

    it('shows a client only their own appointments, couples sessions included, in plain terms', async () => {
      const portalUser = await createUser(test.dataSource, clinic, 'client');
      const me = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
        portalUserId: portalUser.id,
      });
      const partner = await createClient(test.dataSource, clinic, {
        primaryTherapistId: therapist.id,
      });
      await test.dataSource.manager.update('clients', { id: me.id }, { partnerId: partner.id });
      await test.dataSource.manager.update('clients', { id: partner.id }, { partnerId: me.id });
      // Safety before conjoint work: the therapist has recorded that couples sessions may go ahead.
      await test.dataSource.query(
        `INSERT INTO safety_reviews (clinic_id, client_id, partner_client_id, decision, decided_at, decided_by)
         VALUES ($1, $2, $3, 'proceed', now(), $4)`,
        [clinic.id, me.id, partner.id, therapist.id],
      );
      await admin()
        .post('/api/appointments')
        .send(session(at(22, '10:00'), 50, { clientIds: [me.id] }))
        .expect(201);
      await admin()
        .post('/api/appointments')
        .send(session(at(22, '12:00'), 80, { kind: 'couples', clientIds: [partner.id, me.id] }))
        .expect(201);
      await admin()
        .post('/api/appointments')
        .send(session(at(22, '14:00'), 50, { clientIds: [partner.id] }))
        .expect(201);
      await pastAppointment({
        kind: 'session',
        clientId: me.id,
        prospectName: null,
        prospectEmail: null,
        prospectPhone: null,
        prospectReason: null,
        startsAt: new Date(Date.now() - 7 * 86_400_000),
        endsAt: new Date(Date.now() - 7 * 86_400_000 + 3_000_000),
      });
      const token = (await signIn(test, portalUser.email)).token;
      const mine = (await as(test, token).get('/api/me/appointments').expect(200))
        .body as MyAppointments;
      expect(mine.timeZone).toBe(TZ);
      expect(mine.upcoming.map((item) => item.kind)).toEqual(['session', 'couples']);
      expect(mine.past).toHaveLength(1);
      expect(Object.keys(mine.upcoming[0] ?? {}).sort()).toEqual(
        ['end', 'id', 'kind', 'location', 'start', 'status', 'therapistName'].sort(),
      );
      expect(mine.upcoming[0]?.therapistName).toBe('Dr Ada Lane');
      await as(test, token).get('/api/appointments').expect(403);
      await as(test, token)
        .get(`/api/appointments/${'2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f'}`)
        .expect(403);
      await as(test, adminToken).get('/api/me/appointments').expect(403);
    });
  });

  describe('route access by role', () => {
    it('refuses the client role every staff scheduling route, and only the admin converts a prospect', async () => {
      const portal = await createUser(test.dataSource, clinic, 'client');
      const clientToken = (await signIn(test, portal.email)).token;
      const id = '2f1c8b9e-6a4d-4c3b-9f2e-1a2b3c4d5e6f';
      const staffRoutes: ['get' | 'post' | 'put' | 'patch' | 'delete', string][] = [
        ['get', `/api/therapists/${therapist.id}/availability`],
        ['put', `/api/therapists/${therapist.id}/availability`],
        ['get', '/api/appointments'],
        ['post', '/api/appointments'],
        ['get', `/api/appointments/${id}`],
        ['patch', `/api/appointments/${id}`],
        ['post', `/api/appointments/${id}/cancel`],
        ['patch', `/api/appointments/${id}/following`],
        ['post', `/api/appointments/${id}/cancel-following`],
        ['post', `/api/appointments/${id}/complete`],
        ['post', `/api/appointments/${id}/no-show`],
        ['post', `/api/appointments/${id}/convert-prospect`],
        ['get', '/api/scheduling/slots'],
        ['get', `/api/therapists/${therapist.id}/calendar-feed`],
        ['post', `/api/therapists/${therapist.id}/calendar-feed`],
        ['delete', `/api/therapists/${therapist.id}/calendar-feed`],
      ];
      const statuses = [];
      for (const [method, path] of staffRoutes)
        statuses.push({
          path: `${method} ${path}`,
          status: (await as(test, clientToken)[method](path).send({})).status,
        });
      expect(statuses).toEqual(
        staffRoutes.map(([method, path]) => ({ path: `${method} ${path}`, status: 403 })),
      );
      await as(test, therapistToken).post(`/api/appointments/${id}/convert-prospect`).expect(403);
      await admin().post(`/api/appointments/${id}/convert-prospect`).expect(404);
    });
  });

  describe('calendar feed', () => {
    it('serves a secret, revocable iCalendar feed with initials only and no clinical detail', async () => {
      await admin()
        .post('/api/appointments')
        .send({
          therapistId: therapist.id,
          kind: 'consultation',
          start: at(23, '10:00'),
          end: at(23, '10:50'),
          location: 'Room 1, upstairs; door B',
          prospect: {
            name: 'Morgan Ellis-Park',
            email: null,
            phone: null,
            reason: 'Affair discovered',
          },
        })
        .expect(201);
      await admin()
        .post('/api/appointments')
        .send(session(at(23, '13:00')))
        .expect(201);

      await as(test, colleagueToken)
        .post(`/api/therapists/${therapist.id}/calendar-feed`)
        .expect(404);
      await admin().post(`/api/therapists/${therapist.id}/calendar-feed`).expect(403);
      const created = (
        await as(test, therapistToken)
          .post(`/api/therapists/${therapist.id}/calendar-feed`)
          .expect(201)
      ).body as CalendarFeedCreated;
      const token = /calendar\/([^/]+)\.ics$/.exec(created.url)?.[1] ?? '';
      const [stored] = await test.dataSource.query<{ token_hash: string }[]>(
        `SELECT token_hash FROM calendar_feeds WHERE therapist_id = $1`,
        [therapist.id],
      );
      expect(stored?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(stored?.token_hash).not.toContain(token);

      const response = await test.http.get(created.url).expect(200);
      expect(response.headers['content-type']).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(response.text));
      const events = calendar
        .getAllSubcomponents('vevent')
        .map((component) => new ICAL.Event(component));
      const summaries = events.map((event) => event.summary);
      expect(summaries).toEqual(
        expect.arrayContaining(['Initial consultation: M.E.P.', 'Session: J.R.']),
      );
      const consultation = events.find((event) => event.summary.endsWith('M.E.P.'));
      expect(consultation?.location).toBe('Room 1, upstairs; door B');
      expect(consultation?.startDate.toJSDate().toISOString()).toBe(at(23, '10:00'));
      expect(response.text).not.toContain('Jordan');
      expect(response.text).not.toContain('Morgan');
      expect(response.text).not.toContain('Affair');

      await admin().delete(`/api/therapists/${therapist.id}/calendar-feed`).expect(204);
      await test.http.get(created.url).expect(404);
      await test.http.get('/api/calendar/not-a-token.ics').expect(404);
    });

    it('updates a moved appointment in subscribed calendars (SEQUENCE, LAST-MODIFIED) and sends a cancelled one as cancelled', async () => {
      const book = async (start: string) =>
        (
          (await admin().post('/api/appointments').send(session(start)).expect(201))
            .body as BookingResult
        ).appointments[0]?.id ?? '';
      const movedId = await book(at(25, '09:00'));
      const cancelledId = await book(at(25, '15:00'));
      const created = (
        await as(test, therapistToken)
          .post(`/api/therapists/${therapist.id}/calendar-feed`)
          .expect(201)
      ).body as CalendarFeedCreated;
      const feed = async () => {
        const text = (await test.http.get(created.url).expect(200)).text;
        const events = new ICAL.Component(ICAL.parse(text))
          .getAllSubcomponents('vevent')
          .map((component) => new ICAL.Event(component));
        const byUid = (id: string) => events.find((event) => event.uid === `${id}@cairn`);
        return { text, byUid };
      };
      const sequenceOf = (event: ICAL.Event | undefined) =>
        Number(event?.component.getFirstPropertyValue('sequence'));
      const lastModifiedOf = (event: ICAL.Event | undefined) =>
        (event?.component.getFirstPropertyValue('last-modified') as ICAL.Time | null)
          ?.toJSDate()
          .getTime() ?? 0;

      const before = await feed();
      const first = before.byUid(movedId);
      expect(first?.startDate.toJSDate().toISOString()).toBe(at(25, '09:00'));
      expect(sequenceOf(first)).toBe(0);

      await as(test, therapistToken)
        .patch(`/api/appointments/${movedId}`)
        .send({ start: at(25, '10:00') })
        .expect(200);
      await admin()
        .post(`/api/appointments/${cancelledId}/cancel`)
        .send({ reason: 'Unwell' })
        .expect(200);

      const after = await feed();
      const moved = after.byUid(movedId);
      expect(moved?.startDate.toJSDate().toISOString()).toBe(at(25, '10:00'));
      expect(sequenceOf(moved)).toBeGreaterThan(sequenceOf(first));
      expect(lastModifiedOf(moved)).toBeGreaterThanOrEqual(lastModifiedOf(first));
      const cancelled = after.byUid(cancelledId);
      expect(cancelled?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(sequenceOf(cancelled)).toBe(1);
      expect(after.byUid(movedId)?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      expect(after.text).not.toContain(client.legalName);
    });
  });
});
