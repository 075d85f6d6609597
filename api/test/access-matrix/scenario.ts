import {
  addDays,
  todayIn,
  zonedTimeToInstant,
  type HomeworkTemplate,
  type Role,
} from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { as, createClient, createClinic, createUser, signIn } from '../factories';
import type { TestApp } from '../test-app';
import type { Client } from '../../src/clients/entities/client.entity';
import type { Clinic } from '../../src/clinics/entities/clinic.entity';
import type { User } from '../../src/users/entities/user.entity';
import type { Relation } from '../../src/access/permissions';
import { RecordExportsService } from '../../src/record-export/record-exports.service';

export const TZ = 'America/Chicago';

/**
 * Text that identifies one record (or one person). Every response to every caller is searched
 * for all of them; a caller may only ever meet the ones `SEEN_BY` lists for them.
 */
export const SECRETS = {
  clientName: 'Marisol Quintanilla-Verbeek',
  partnerName: 'Teodor Halvorsen-Ruiz',
  otherCaseloadName: 'Yevgenia Okonkwo-Laurent',
  otherClinicClientName: 'Bartholomew Szczepanski-Ode',
  prospectName: 'Ingeborg Vasquez-Lindqvist',
  intake: 'INTAKE trouble sleeping since the discovery 4417',
  timeline: 'TIMELINE found the second phone 2290',
  progressNote: 'PROGRESS alarm after a late reply 5512',
  psychotherapyNote: 'PSYNOTE I wanted to rescue her 7731',
  addendum: 'ADDENDUM corrected the session length 6120',
  clientScreen: 'CLIENTSCREEN he checks my location 3308',
  partnerScreen: 'PARTNERSCREEN she reads my messages 9013',
  journal: 'JOURNAL private entry about the anniversary 8842',
  report: 'REPORT summary of twelve weeks 1175',
  riskNote: 'RISKACK called her, safety plan in place 4051',
  partnerCheckIn: 'PARTNERCHECKIN we talked about the trip 6634',
  formerProgressNote: 'FORMERPROGRESS first sessions, stabilising 2718',
  formerPsychotherapyNote: 'FORMERPSYNOTE my own reaction to the affair 3141',
} as const;
export type Secret = keyof typeof SECRETS;

/** The people who call the API in the matrix, one per relation (and an undecided role). */
export const CALLERS = [
  'admin',
  'treating_therapist',
  'other_therapist',
  /** Wrote notes in the client's file before it moved to the treating therapist. */
  'former_therapist',
  'the_client',
  'the_partner',
  'other_client',
  'other_clinic_admin',
  'other_clinic_therapist',
  'undecided_role',
] as const;
export type Caller = (typeof CALLERS)[number];

/** What each caller may legitimately meet in a response, whatever they ask. */
export const SEEN_BY: Record<Caller, readonly Secret[]> = {
  admin: ['clientName', 'partnerName', 'otherCaseloadName', 'prospectName'],
  treating_therapist: [
    'clientName',
    'partnerName',
    'prospectName',
    'intake',
    'timeline',
    'progressNote',
    'psychotherapyNote',
    'addendum',
    'clientScreen',
    'partnerScreen',
    'report',
    'riskNote',
    'partnerCheckIn',
    // A colleague's progress notes in a file they treat; never their psychotherapy notes.
    'formerProgressNote',
  ],
  other_therapist: ['otherCaseloadName'],
  former_therapist: ['clientName', 'formerProgressNote', 'formerPsychotherapyNote'],
  // A report shared with them: its release copy (the narrative, nothing of the partner).
  the_client: ['clientName', 'clientScreen', 'journal', 'report'],
  the_partner: ['partnerName', 'partnerScreen', 'partnerCheckIn'],
  other_client: ['otherCaseloadName'],
  other_clinic_admin: ['otherClinicClientName'],
  other_clinic_therapist: ['otherClinicClientName'],
  undecided_role: [],
};

/**
 * How each caller stands to the records the matrix asks about, by where the record lives:
 * - `file`: the client file itself, or a record of it judged on the file (creating in it);
 * - `authored`: a record in the file written by the treating therapist (notes, reports);
 * - `former`: a note in the file written by the therapist who treated the client before;
 * - `schedule`: the treating therapist's schedule and their appointments with the client;
 * - `staff`: the treating therapist's own staff account;
 * - `clinic`: the caller's clinic as a whole (its audit trail, retention, staff list): for
 *   another clinic's staff, that is their own clinic, and the leak check is what matters;
 * - `own`: a client's own file, found from their account (`/api/me`).
 * Written out by hand from the scenario below, not computed by the app's `relationsOf`.
 */
export type Context = 'file' | 'authored' | 'former' | 'schedule' | 'staff' | 'clinic' | 'own';
export const RELATIONS_OF: Record<Caller, Record<Context, readonly Relation[]>> = {
  admin: {
    file: ['clinic_admin'],
    authored: ['clinic_admin'],
    former: ['clinic_admin'],
    schedule: ['clinic_admin'],
    staff: ['clinic_admin'],
    clinic: ['clinic_admin'],
    own: [],
  },
  treating_therapist: {
    file: ['treating_therapist'],
    authored: ['treating_therapist', 'author'],
    former: ['treating_therapist'],
    schedule: ['treating_therapist', 'the_therapist'],
    staff: ['self', 'the_therapist'],
    clinic: ['other_therapist'],
    own: [],
  },
  other_therapist: {
    file: ['other_therapist'],
    authored: ['other_therapist'],
    former: ['other_therapist'],
    schedule: ['other_therapist'],
    staff: ['other_therapist'],
    clinic: ['other_therapist'],
    own: [],
  },
  the_client: {
    file: ['the_client'],
    authored: ['the_client'],
    former: ['the_client'],
    schedule: ['the_client'],
    staff: ['other_client'],
    clinic: ['other_client'],
    own: ['the_client'],
  },
  the_partner: {
    file: ['the_partner'],
    authored: ['the_partner'],
    former: ['the_partner'],
    // An individual session of the client is not the partner's: they are any other client.
    schedule: ['other_client'],
    staff: ['other_client'],
    clinic: ['other_client'],
    own: ['the_client'],
  },
  other_client: {
    file: ['other_client'],
    authored: ['other_client'],
    former: ['other_client'],
    schedule: ['other_client'],
    staff: ['other_client'],
    clinic: ['other_client'],
    own: ['the_client'],
  },
  other_clinic_admin: {
    file: ['another_clinic'],
    authored: ['another_clinic'],
    former: ['another_clinic'],
    schedule: ['another_clinic'],
    staff: ['another_clinic'],
    clinic: ['clinic_admin'],
    own: [],
  },
  other_clinic_therapist: {
    file: ['another_clinic'],
    authored: ['another_clinic'],
    former: ['another_clinic'],
    schedule: ['another_clinic'],
    staff: ['another_clinic'],
    clinic: ['other_therapist'],
    own: [],
  },
  // No relation is decided for it: it reaches nothing.
  former_therapist: {
    file: ['other_therapist'],
    authored: ['other_therapist'],
    former: ['author'],
    schedule: ['other_therapist'],
    staff: ['other_therapist'],
    clinic: ['other_therapist'],
    own: [],
  },
  undecided_role: {
    file: [],
    authored: [],
    former: [],
    schedule: [],
    staff: [],
    clinic: [],
    own: [],
  },
};

/** A role the API does not know: added to the database's enum for this test database only. */
export const UNDECIDED_ROLE = 'supervisor';

export interface Person {
  user: User;
  token: string;
  role: Role | typeof UNDECIDED_ROLE;
}

const HOURS = 60 * 60 * 1000;

export type Author = 'treating_therapist' | 'former_therapist';
type Made = { id: string; version: number } & Record<string, unknown>;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOURS).toISOString();

/**
 * One clinic with a client file in every state the matrix needs and a caller for every relation,
 * plus a second clinic. Records are written through the API as their authors would (notes are
 * encrypted, screens score themselves), the people and files straight into the tables.
 */
export class Scenario {
  clinic!: Clinic;
  otherClinic!: Clinic;
  people!: Record<Caller, Person>;
  /** The client file everything is asked about, and its linked partner (both the treating therapist's). */
  client!: Client;
  partner!: Client;
  /** A file of the other therapist's caseload, and one of the second clinic. */
  otherCaseloadClient!: Client;
  otherClinicClient!: Client;
  templates!: HomeworkTemplate[];
  private slot = 0;

  constructor(readonly test: TestApp) {}

  get therapist(): User {
    return this.people.treating_therapist.user;
  }

  /** Requests as `caller`; the scenario's own writing as the treating therapist goes to whoever writes now. */
  as(caller: Caller) {
    const who = caller === 'treating_therapist' ? this.writer : caller;
    return as(this.test, this.people[who].token);
  }

  /** The matrix's requests: always as the caller named. */
  asCaller(caller: Caller) {
    return as(this.test, this.people[caller].token);
  }

  async build(): Promise<this> {
    const ds = this.test.dataSource;
    // ADD VALUE cannot run in a transaction block that then uses it; the owner runs it alone.
    await ds.query(`ALTER TYPE user_role ADD VALUE IF NOT EXISTS '${UNDECIDED_ROLE}'`);
    this.clinic = await createClinic(ds, { name: 'Riverside Counselling', timeZone: TZ });
    this.otherClinic = await createClinic(ds, { name: 'Lakeshore Therapy', timeZone: TZ });
    const c = this.clinic;
    const users = {
      admin: await createUser(ds, c, 'admin'),
      treating_therapist: await createUser(ds, c, 'therapist', { displayName: 'Dr Ada Lane' }),
      other_therapist: await createUser(ds, c, 'therapist'),
      former_therapist: await createUser(ds, c, 'therapist'),
      the_client: await createUser(ds, c, 'client'),
      the_partner: await createUser(ds, c, 'client'),
      other_client: await createUser(ds, c, 'client'),
      other_clinic_admin: await createUser(ds, this.otherClinic, 'admin'),
      other_clinic_therapist: await createUser(ds, this.otherClinic, 'therapist'),
      undecided_role: await createUser(ds, c, UNDECIDED_ROLE as Role),
    } satisfies Record<Caller, User>;

    this.client = await createClient(ds, c, {
      legalName: SECRETS.clientName,
      primaryTherapistId: users.treating_therapist.id,
      portalUserId: users.the_client.id,
    });
    this.partner = await createClient(ds, c, {
      legalName: SECRETS.partnerName,
      primaryTherapistId: users.treating_therapist.id,
      portalUserId: users.the_partner.id,
    });
    await ds.query(
      `UPDATE clients SET partner_id = CASE id WHEN $1 THEN $2::uuid ELSE $1::uuid END WHERE id IN ($1, $2)`,
      [this.client.id, this.partner.id],
    );
    this.otherCaseloadClient = await createClient(ds, c, {
      legalName: SECRETS.otherCaseloadName,
      primaryTherapistId: users.other_therapist.id,
      portalUserId: users.other_client.id,
    });
    this.otherClinicClient = await createClient(ds, this.otherClinic, {
      legalName: SECRETS.otherClinicClientName,
      primaryTherapistId: users.other_clinic_therapist.id,
    });

    const people = {} as Record<Caller, Person>;
    for (const [caller, user] of Object.entries(users) as [Caller, User][]) {
      people[caller] = {
        user,
        role: user.role,
        token: (await signIn(this.test, user.email)).token,
      };
    }
    this.people = people;

    for (const who of [users.treating_therapist, users.other_therapist])
      await this.as('admin')
        .put(`/api/therapists/${who.id}/availability`)
        .send(this.hours(true))
        .expect(200);
    this.templates = (
      await this.as('treating_therapist').get('/api/homework-templates').expect(200)
    ).body as HomeworkTemplate[];
    await this.as('treating_therapist')
      .patch(`/api/clients/${this.client.id}`)
      .send({ intake: { presentingConcerns: SECRETS.intake } })
      .expect(200);
    // The partner's own screen: nothing of it may reach the client.
    await this.safetyScreen('partner');
    // The partner's own homework: nothing of it may reach the client's file, nor its reports.
    const theirs = await this.homework('task', this.partner.id);
    await this.made(
      this.as('the_partner')
        .post(`/api/me/homework/${theirs.id}/entries`)
        .send({ occursOn: this.today, note: SECRETS.partnerCheckIn }),
      "the partner's homework entry",
    );
    return this;
  }

  // ----- records, each made fresh by the one who would make it -----

  /** Who writes as 'treating_therapist' while `make` runs (the former therapist, back then). */
  private writer: Caller = 'treating_therapist';

  /** The note text of the one writing now. */
  private secretOf(kind: 'progress' | 'psychotherapy'): string {
    const former = this.writer === 'former_therapist';
    if (kind === 'progress') return former ? SECRETS.formerProgressNote : SECRETS.progressNote;
    return former ? SECRETS.formerPsychotherapyNote : SECRETS.psychotherapyNote;
  }

  /**
   * Makes records as the therapist who treated the client before: the file is theirs while they
   * write, then back with the treating therapist (the matrix runs one request at a time).
   */
  private async asFormerTherapist<T>(make: () => Promise<T>): Promise<T> {
    const assign = (therapist: User) =>
      this.test.dataSource.query('UPDATE clients SET primary_therapist_id = $1 WHERE id = $2', [
        therapist.id,
        this.client.id,
      ]);
    await assign(this.people.former_therapist.user);
    this.writer = 'former_therapist';
    try {
      return await make();
    } finally {
      this.writer = 'treating_therapist';
      await assign(this.therapist);
    }
  }

  private async made(
    request: Promise<{ status: number; body: unknown; text: string }>,
    what: string,
  ): Promise<Made> {
    const response = await request;
    if (response.status >= 300)
      throw new Error(`Scenario could not make ${what}: ${response.status} ${response.text}`);
    return response.body as { id: string; version: number } & Record<string, unknown>;
  }

  /** A client file of the treating therapist with no portal and no partner (to assign, invite, unlink). */
  async spareClient(): Promise<Client> {
    return createClient(this.test.dataSource, this.clinic, {
      legalName: `Spare ${randomBytes(3).toString('hex')}`,
      primaryTherapistId: this.therapist.id,
    });
  }

  timelineEvent() {
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${this.client.id}/timeline`)
        .send({ kind: 'discovery', occurredOn: '2026-08-14', note: SECRETS.timeline }),
      'a timeline event',
    );
  }

  note(
    kind: 'progress' | 'psychotherapy' = 'progress',
    author: Author = 'treating_therapist',
  ): Promise<Made> {
    if (author === 'former_therapist') return this.asFormerTherapist(() => this.note(kind));
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${this.client.id}/notes`)
        .send({
          templateCode: kind === 'progress' ? 'bt_progress' : 'process',
          sessionAt: hoursAgo(2),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content:
            kind === 'progress'
              ? { focus: this.secretOf(kind), risk: { level: 'none' }, plan: 'Weekly.' }
              : { process: this.secretOf(kind) },
        }),
      `a ${kind} note`,
    );
  }

  async signedNote(
    kind: 'progress' | 'psychotherapy' = 'progress',
    author: Author = 'treating_therapist',
  ): Promise<Made> {
    if (author === 'former_therapist') return this.asFormerTherapist(() => this.signedNote(kind));
    const note = await this.note(kind);
    return this.made(
      this.as('treating_therapist')
        .post(`/api/notes/${note.id}/sign`)
        .send({ version: note.version, password: 'test-password-1234' }),
      'a signed note',
    );
  }

  async amendedNote() {
    const note = await this.signedNote();
    await this.made(
      this.as('treating_therapist')
        .post(`/api/notes/${note.id}/addenda`)
        .send({ text: SECRETS.addendum, password: 'test-password-1234' }),
      'an addendum',
    );
    return note;
  }

  assessment(mode: 'portal' | 'in_session' = 'portal', clientId = this.client.id) {
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${clientId}/assessments`)
        .send({ instrumentCode: 'PHQ-9', mode }),
      'an assessment',
    );
  }

  /** Completed in the portal with a risk answer (a flag), its result shared with the client. */
  async sharedAssessment() {
    const sent = await this.assessment('portal');
    await this.made(
      this.as('the_client')
        .put(`/api/me/assessments/${sent.id}/answers`)
        .send({ answers: phq9([1, 2, 1, 1, 0, 1, 1, 0, 1]) }),
      'answers',
    );
    await this.made(
      this.as('the_client').post(`/api/me/assessments/${sent.id}/complete`).send({}),
      'a completed assessment',
    );
    await this.made(
      this.as('treating_therapist')
        .post(`/api/assessments/${sent.id}/share`)
        .send({ shared: true }),
      'a shared result',
    );
    return sent;
  }

  async completedAssessment() {
    const sent = await this.assessment('in_session');
    await this.made(
      this.as('treating_therapist')
        .put(`/api/assessments/${sent.id}/answers`)
        .send({ answers: phq9([1, 2, 1, 1, 0, 1, 1, 0, 1]) }),
      'answers',
    );
    return this.made(
      this.as('treating_therapist').post(`/api/assessments/${sent.id}/complete`).send({}),
      'a completed assessment',
    );
  }

  /** A portal screen of one partner, answered with their secret (not completed). */
  async safetyScreen(
    who: 'client' | 'partner' = 'client',
    mode: 'portal' | 'in_session' = 'portal',
  ) {
    const file = who === 'client' ? this.client : this.partner;
    await this.setAsideScreens(file.id);
    const screen = await this.made(
      this.as('treating_therapist').post(`/api/clients/${file.id}/safety-screens`).send({ mode }),
      'a safety screen',
    );
    if (mode === 'in_session') return screen;
    await this.made(
      this.as(who === 'client' ? 'the_client' : 'the_partner')
        .put(`/api/me/safety-screens/${screen.id}/answers`)
        .send({
          answers: this.allNo(who === 'client' ? SECRETS.clientScreen : SECRETS.partnerScreen),
        }),
      'screen answers',
    );
    return screen;
  }

  /** A file has one screen in progress at a time: the one before is set aside first. */
  async setAsideScreens(clientId: string): Promise<void> {
    await this.test.dataSource.query(
      `UPDATE safety_screens SET status = 'cancelled' WHERE client_id = $1 AND status <> 'completed'`,
      [clientId],
    );
  }

  /** Every question of a safety screen answered "no", with free text. */
  allNo(anythingElse: string | null): Record<string, string | null> {
    const questions = ['physical', 'fear', 'threats', 'monitoring', 'money', 'movement'];
    const more = ['sexual', 'weapons', 'conjoint'];
    return {
      ...Object.fromEntries([...questions, ...more].map((key) => [key, 'no'])),
      anythingElse,
    };
  }

  measurementSchedule() {
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${this.client.id}/measurement-schedules`)
        .send({ instrumentCode: 'GAD-7', everyWeeks: 2, startOn: addDays(this.today, 7) }),
      'a measurement schedule',
    );
  }

  homework(kind: 'journal' | 'task' = 'journal', clientId = this.client.id) {
    const template = this.templates.find((t) => t.kind === kind);
    if (!template) throw new Error('no homework template');
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${clientId}/homework`)
        .send({
          templateId: template.id,
          frequency: 'daily',
          startsOn: this.today,
          endsOn: addDays(this.today, 14),
        }),
      'a homework assignment',
    );
  }

  async homeworkEntry(assignmentId?: string) {
    const assignment = assignmentId ?? (await this.homework()).id;
    return this.made(
      this.as('the_client')
        .post(`/api/me/homework/${assignment}/entries`)
        .send({ occursOn: this.today, note: SECRETS.journal, private: true }),
      'a homework entry',
    );
  }

  report() {
    return this.made(
      this.as('treating_therapist')
        .post(`/api/clients/${this.client.id}/reports`)
        .send({ from: addDays(this.today, -60), to: this.today }),
      'a report',
    );
  }

  async narratedReport() {
    const report = await this.report();
    return this.made(
      this.as('treating_therapist')
        .patch(`/api/reports/${report.id}`)
        .send({ version: report.version, narrative: { summary: SECRETS.report } }),
      'a report narrative',
    );
  }

  async finalReport(shared = true) {
    const report = await this.narratedReport();
    const final = await this.made(
      this.as('treating_therapist')
        .post(`/api/reports/${report.id}/finalize`)
        .send({ version: report.version }),
      'a final report',
    );
    if (!shared) return final;
    return this.made(
      this.as('treating_therapist')
        .patch(`/api/reports/${report.id}`)
        .send({ version: final.version, sharedWithClient: true }),
      'a shared report',
    );
  }

  get today(): string {
    return todayIn(TZ);
  }

  /** A free hour in the treating therapist's week, a different one each time. */
  nextSlot(minutes = 50): { start: string; end: string } {
    this.slot += 1;
    const day = 2 + Math.floor(this.slot / 10);
    const hour = 8 + (this.slot % 10);
    const start = zonedTimeToInstant(
      addDays(this.today, day),
      `${String(hour).padStart(2, '0')}:00`,
      TZ,
    );
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    };
  }

  /** A request to book a session with the client in the treating therapist's week. */
  bookingOf(clientIds: string[] | null, therapistId = this.therapist.id) {
    return {
      therapistId,
      ...this.nextSlot(),
      ...(clientIds
        ? { kind: 'session', clientIds }
        : {
            kind: 'consultation',
            prospect: { name: SECRETS.prospectName, email: null, phone: null, reason: null },
          }),
    };
  }

  appointment(clientIds: string[] | null = [this.client.id]) {
    return this.made(
      this.as('treating_therapist').post('/api/appointments').send(this.bookingOf(clientIds)),
      'an appointment',
    ).then((result) => {
      const first = (result['appointments'] as { id: string }[] | undefined)?.[0];
      return first ?? result;
    });
  }

  /** The treating therapist's hours: 06:00 to 22:00 every day (refused edits ask for 09:00–10:00). */
  hours(allowed: boolean) {
    const [start, end] = allowed ? ['06:00', '22:00'] : ['09:00', '10:00'];
    return {
      timeZone: TZ,
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end })),
      exceptions: [],
    };
  }

  /** A slot outside those hours (booking it needs `override_hours`). */
  outOfHours(): { start: string; end: string } {
    this.slot += 1;
    const start = zonedTimeToInstant(addDays(this.today, 30 + this.slot), '23:00', TZ);
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    };
  }

  /** An export of the client's record asked for by the treating therapist or an admin; `ready` builds it. */
  async recordExport(by: 'treating_therapist' | 'admin', ready: boolean): Promise<{ id: string }> {
    const made = await this.made(
      this.asCaller(by).post(`/api/clients/${this.client.id}/record-exports`),
      'a record export',
    );
    if (ready) await this.test.app.get(RecordExportsService).runPending();
    return { id: made.id };
  }

  /**
   * The client's request for a copy of their record, as the portal makes it (written straight
   * in, so that each is a request of its own); `released` releases and builds it.
   */
  async clientCopy(released: boolean): Promise<{ id: string }> {
    const [row] = await this.test.dataSource.query<{ id: string }[]>(
      `INSERT INTO record_exports (id, clinic_id, client_id, audience, clinical, status, requested_by, steps_total)
       VALUES (gen_random_uuid(), $1, $2, 'client', true, 'requested', $3, 4) RETURNING id`,
      [this.clinic.id, this.client.id, this.people.the_client.user.id],
    );
    if (!row) throw new Error('no record export');
    if (released) {
      await this.made(
        this.asCaller('treating_therapist').post(`/api/record-exports/${row.id}/release`),
        'a released copy',
      );
      await this.test.app.get(RecordExportsService).runPending();
    }
    return row;
  }

  /** A therapist who has not signed in yet (to deactivate or invite). */
  async spareTherapist(): Promise<{ id: string }> {
    const user = await createUser(this.test.dataSource, this.clinic, 'therapist', {
      passwordHash: null,
    });
    return { id: user.id };
  }

  /** An appointment that already took place (the API books only the future). */
  async pastAppointment(prospect = false, status = 'scheduled'): Promise<{ id: string }> {
    this.slot += 1;
    const start = new Date(Date.now() - (3 + this.slot) * HOURS);
    const [row] = await this.test.dataSource.query<{ id: string }[]>(
      `INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id,
         prospect_name, prospect_email, created_by)
       VALUES ($1, $2, $3, $9, $4, $5, $6, $7, $8, $2) RETURNING id`,
      [
        this.clinic.id,
        this.therapist.id,
        prospect ? 'consultation' : 'session',
        start,
        new Date(start.getTime() + 50 * 60_000),
        prospect ? null : this.client.id,
        prospect ? SECRETS.prospectName : null,
        prospect ? `prospect-${randomBytes(3).toString('hex')}@example.test` : null,
        status,
      ],
    );
    if (!row) throw new Error('no appointment');
    return row;
  }
}

const phq9 = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`phq9-${index + 1}`, value]));

export { zonedTimeToInstant };
