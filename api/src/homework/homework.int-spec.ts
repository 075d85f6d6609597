import {
  addDays,
  todayIn,
  type ApiErrorBody,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkTemplate,
  type MyHomework,
  type MyHomeworkEntry,
} from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import { syncHomeworkLibrary } from './homework-templates.service';
import { HOMEWORK_LIBRARY } from './homework-library';
import { HomeworkService } from './homework.service';

const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();
const checkIn = {
  feltSafety: 6,
  promisesKept: 'all',
  honestMoment: 'We talked.',
  gutSense: 'uneasy',
};

describe('Homework', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let therapistToken: string;
  let colleagueToken: string;
  let adminToken: string;
  let templates: HomeworkTemplate[];
  let today: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    therapistToken = (await signIn(test, therapist.email)).token;
    colleagueToken = (
      await signIn(test, (await createUser(test.dataSource, clinic, 'therapist')).email)
    ).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
    templates = (await as(test, therapistToken).get('/api/homework-templates').expect(200))
      .body as HomeworkTemplate[];
    today = todayIn(clinic.timeZone);
  });
  afterAll(() => test.close());

  const mine = () => as(test, therapistToken);
  const template = (key: string) => {
    const found = templates.find((t) => t.libraryKey === key);
    if (!found) throw new Error(`no template ${key}`);
    return found;
  };
  const count = async (table: string) =>
    Number((await test.dataSource.query<{ n: string }[]>(`SELECT count(*) n FROM ${table}`))[0]?.n);

  async function portalClient(
    overrides: Partial<Client> = {},
  ): Promise<{ client: Client; token: string }> {
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    const client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
      ...overrides,
    });
    return { client, token: (await signIn(test, portalUser.email)).token };
  }

  async function assign(
    clientId: string,
    key: string,
    body: Record<string, unknown> = {},
  ): Promise<HomeworkAssignment> {
    return (
      await mine()
        .post(`/api/clients/${clientId}/homework`)
        .send({
          templateId: template(key).id,
          frequency: 'daily',
          startsOn: today,
          endsOn: addDays(today, 13),
          ...body,
        })
        .expect(201)
    ).body as HomeworkAssignment;
  }

  describe('library', () => {
    it('gives every clinic the library of at least twelve exercises, with the daily repair check-in', () => {
      expect(templates.filter((t) => t.libraryKey).length).toBeGreaterThanOrEqual(12);
      expect(template('daily-repair-check-in')).toMatchObject({
        kind: 'check_in',
        checkInForm: 'daily-repair',
      });
      // Each library exercise arrives whole, in the words the library holds.
      for (const exercise of HOMEWORK_LIBRARY) {
        expect(templates.find((t) => t.libraryKey === exercise.key)).toMatchObject({
          title: exercise.title,
          why: exercise.why,
          instructions: exercise.instructions,
          kind: exercise.kind,
        });
      }
      expect(new Set(templates.map((t) => t.kind))).toEqual(
        new Set(['task', 'journal', 'check_in', 'reading']),
      );
    });

    it('lets a therapist add a template for the clinic, seen by colleagues, not by another clinic', async () => {
      const created = (
        await mine()
          .post('/api/homework-templates')
          .send({
            title: 'Three kind things',
            why: 'Noticing kindness, received and given, softens a harsh inner voice.',
            instructions: 'Each evening write down three kind things from the day.',
            kind: 'journal',
          })
          .expect(201)
      ).body as HomeworkTemplate;
      expect(created).toMatchObject({
        libraryKey: null,
        kind: 'journal',
        createdBy: therapist.displayName,
      });
      const colleagueList = (
        await as(test, colleagueToken).get('/api/homework-templates').expect(200)
      ).body as HomeworkTemplate[];
      expect(colleagueList.map((t) => t.id)).toContain(created.id);

      const other = await createClinic(test.dataSource, { name: 'Elsewhere' });
      const stranger = await createUser(test.dataSource, other, 'therapist');
      const theirs = (
        await as(test, (await signIn(test, stranger.email)).token)
          .get('/api/homework-templates')
          .expect(200)
      ).body as HomeworkTemplate[];
      expect(theirs.map((t) => t.id)).not.toContain(created.id);
      expect(theirs.filter((t) => t.libraryKey).length).toBe(
        templates.filter((t) => t.libraryKey).length,
      );
    });

    it('refuses a check-in without a known form, and an incomplete template, naming the fields', async () => {
      const response = await mine()
        .post('/api/homework-templates')
        .send({
          title: 'x',
          why: 'y',
          instructions: 'z',
          kind: 'check_in',
          checkInForm: 'mood-diary',
        })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['checkInForm']);
      const blank = await mine()
        .post('/api/homework-templates')
        .send({ title: ' ', why: 'y', kind: 'chore' })
        .expect(400);
      expect(fieldsOf(blank.body)).toEqual(['instructions', 'kind', 'title']);
    });

    it('is for therapists only', async () => {
      await as(test, adminToken).get('/api/homework-templates').expect(403);
      const { token } = await portalClient();
      await as(test, token).get('/api/homework-templates').expect(403);
    });
  });

  describe('assignments', () => {
    it('assigns with adjusted instructions and reports adherence; admins and other therapists see nothing', async () => {
      const { client } = await portalClient();
      const assignment = await assign(client.id, 'body-check-in', {
        instructions: 'After each visit with your sister, take a quiet minute.',
        frequency: 'weekly',
      });
      expect(assignment).toMatchObject({
        title: 'Body check-in',
        kind: 'journal',
        instructions: 'After each visit with your sister, take a quiet minute.',
        frequency: 'weekly',
        adherence: { done: 0, expected: 0, rate: null },
        closedOn: null,
      });
      const list = (await mine().get(`/api/clients/${client.id}/homework`).expect(200))
        .body as HomeworkAssignment[];
      expect(list.map((a) => a.id)).toEqual([assignment.id]);

      await as(test, adminToken).get(`/api/clients/${client.id}/homework`).expect(403);
      await as(test, adminToken).get(`/api/homework/${assignment.id}/entries`).expect(403);
      await as(test, colleagueToken).get(`/api/clients/${client.id}/homework`).expect(404);
      await as(test, colleagueToken).get(`/api/homework/${assignment.id}/entries`).expect(404);
      await as(test, colleagueToken)
        .patch(`/api/homework/${assignment.id}`)
        .send({ closed: true })
        .expect(404);
    });

    it('refuses a client not on the caseload with 404, and bad dates naming the field; nothing stored', async () => {
      const before = await count('homework_assignments');
      const { client } = await portalClient();
      await as(test, colleagueToken)
        .post(`/api/clients/${client.id}/homework`)
        .send({
          templateId: template('small-promise').id,
          frequency: 'daily',
          startsOn: today,
          endsOn: addDays(today, 6),
        })
        .expect(404);
      const backwards = await mine()
        .post(`/api/clients/${client.id}/homework`)
        .send({
          templateId: template('small-promise').id,
          frequency: 'daily',
          startsOn: today,
          endsOn: addDays(today, -1),
        })
        .expect(400);
      expect(fieldsOf(backwards.body)).toEqual(['endsOn']);
      const bad = await mine()
        .post(`/api/clients/${client.id}/homework`)
        .send({ templateId: 'nope', frequency: 'hourly', startsOn: '2026-02-30', endsOn: today })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['frequency', 'startsOn', 'templateId']);
      expect(await count('homework_assignments')).toBe(before);
    });

    it('closes an assignment: nothing more is expected and no entry is taken', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'grounding-practice', { frequency: 'daily' });
      const closed = (
        await mine().patch(`/api/homework/${assignment.id}`).send({ closed: true }).expect(200)
      ).body as HomeworkAssignment;
      expect(closed.closedOn).toBe(today);
      await mine()
        .patch(`/api/homework/${assignment.id}`)
        .send({ instructions: 'More.' })
        .expect(409);
      const before = await count('homework_entries');
      await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today })
        .expect(409);
      expect(await count('homework_entries')).toBe(before);
      const portal = (await as(test, token).get('/api/me/homework').expect(200)).body as MyHomework;
      expect(portal.assignments).toEqual([]);
    });

    it('counts adherence exactly: past days expected, today only once done', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'daily-repair-check-in', {
        startsOn: addDays(today, -3),
      });
      for (const day of [-3, -1]) {
        await as(test, token)
          .post(`/api/me/homework/${assignment.id}/entries`)
          .send({ occursOn: addDays(today, day), answers: checkIn })
          .expect(201);
      }
      const listed = async () =>
        (
          (await mine().get(`/api/clients/${client.id}/homework`).expect(200))
            .body as HomeworkAssignment[]
        )[0];
      expect((await listed())?.adherence).toEqual({ done: 2, expected: 3, rate: 2 / 3 });
      await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: checkIn })
        .expect(201);
      const after = await listed();
      expect(after?.adherence).toEqual({ done: 3, expected: 4, rate: 0.75 });
      expect(after?.weeks.reduce((sum, week) => sum + week.done, 0)).toBe(3);
      expect(after?.lastEntryOn).toBe(today);

      // What progress reports reuse: the same adherence, and the check-in series by date.
      const report = await test.app
        .get(HomeworkService)
        .reportData(test.dataSource.manager, client.id, today);
      expect(report.assignments[0]?.adherence).toEqual(after?.adherence);
      expect(report.repairCheckIns).toEqual(
        [-3, -1, 0].map((day) => ({ date: addDays(today, day), feltSafety: 6, promisesKept: 1 })),
      );
    });
  });

  describe('entries', () => {
    it('takes today’s check-in, and refuses a value out of range naming the field, storing nothing', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'daily-repair-check-in');
      const before = await count('homework_entries');
      const bad = await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: { ...checkIn, feltSafety: 11 } })
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['answers.feltSafety']);
      expect((bad.body as ApiErrorBody).fields?.[0]?.problems[0]).toContain('0 to 10');
      const missing = await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: { feltSafety: 3 }, private: true })
        .expect(400);
      expect(fieldsOf(missing.body)).toEqual([
        'answers.gutSense',
        'answers.promisesKept',
        'private',
      ]);
      expect(await count('homework_entries')).toBe(before);

      const entry = (
        await as(test, token)
          .post(`/api/me/homework/${assignment.id}/entries`)
          .send({ occursOn: today, answers: checkIn })
          .expect(201)
      ).body as MyHomeworkEntry;
      expect(entry).toMatchObject({ occursOn: today, answers: checkIn, editable: true });
      await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: checkIn })
        .expect(409);

      const portal = (await as(test, token).get('/api/me/homework').expect(200)).body as MyHomework;
      expect(portal.today).toBe(today);
      expect(portal.assignments[0]?.current).toMatchObject({
        occursOn: today,
        entry: { id: entry.id },
      });

      const therapistView = (await mine().get(`/api/homework/${assignment.id}/entries`).expect(200))
        .body as HomeworkEntry[];
      expect(therapistView[0]?.answers).toEqual(checkIn);
    });

    it('refuses dates outside the assignment, in the future, or long past with 409', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'small-promise', {
        startsOn: addDays(today, -20),
        endsOn: addDays(today, 5),
      });
      const post = (occursOn: string) =>
        as(test, token).post(`/api/me/homework/${assignment.id}/entries`).send({ occursOn });
      await post(addDays(today, -21)).expect(409);
      await post(addDays(today, 1)).expect(409);
      await post(addDays(today, -10)).expect(409);
      await post(addDays(today, -2)).expect(201);
    });

    it('answers 404 for someone else’s assignment or entry, and stores nothing', async () => {
      const { client } = await portalClient();
      const other = await portalClient();
      const assignment = await assign(client.id, 'i-statement', { frequency: 'once' });
      const before = await count('homework_entries');
      await as(test, other.token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, note: 'not mine' })
        .expect(404);
      await as(test, therapistToken)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today })
        .expect(403);
      expect(await count('homework_entries')).toBe(before);
    });

    it('keeps a private journal entry’s text from the therapist, who sees that it was done; the read is audited', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'intuition-or-alarm');
      const text = 'My stomach dropped when the phone buzzed. It was only my sister.';
      await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, note: '   ' })
        .expect(400);
      const entry = (
        await as(test, token)
          .post(`/api/me/homework/${assignment.id}/entries`)
          .send({ occursOn: today, note: text, private: true })
          .expect(201)
      ).body as MyHomeworkEntry;
      expect(entry).toMatchObject({ note: text, private: true });

      const response = await mine().get(`/api/homework/${assignment.id}/entries`).expect(200);
      expect(JSON.stringify(response.body)).not.toContain('phone buzzed');
      expect(response.body).toEqual([
        expect.objectContaining({ id: entry.id, private: true, note: null, occursOn: today }),
      ]);
      const list = (await mine().get(`/api/clients/${client.id}/homework`).expect(200))
        .body as HomeworkAssignment[];
      expect(list[0]?.adherence.done).toBe(1);

      const audits = await test.dataSource.query<{ action: string; user_id: string }[]>(
        `SELECT action, user_id FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
        [assignment.id],
      );
      expect(audits.map((a) => a.action)).toEqual(['homework.assigned', 'homework.entries_viewed']);
      expect(audits[1]?.user_id).toBe(therapist.id);
    });

    it('lets the client change an entry for 24 hours, then keeps it as it is (service and database)', async () => {
      const { client, token } = await portalClient();
      const assignment = await assign(client.id, 'validate-feeling');
      const entry = (
        await as(test, token)
          .post(`/api/me/homework/${assignment.id}/entries`)
          .send({ occursOn: today, note: 'It makes sense that I feel hurt.' })
          .expect(201)
      ).body as MyHomeworkEntry;
      const edited = (
        await as(test, token)
          .patch(`/api/me/homework-entries/${entry.id}`)
          .send({ note: 'It makes sense that I feel hurt and tired.', private: true })
          .expect(200)
      ).body as MyHomeworkEntry;
      expect(edited).toMatchObject({
        note: 'It makes sense that I feel hurt and tired.',
        private: true,
      });
      const other = await portalClient();
      await as(test, other.token)
        .patch(`/api/me/homework-entries/${entry.id}`)
        .send({ note: 'x' })
        .expect(404);

      // An entry written 25 hours ago (inserted as such: the trigger forbids moving created_at).
      const [old] = await test.dataSource.query<{ id: string }[]>(
        `INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on, note, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'Yesterday''s words', now() - interval '25 hours', now() - interval '25 hours')
         RETURNING id`,
        [clinic.id, assignment.id, client.id, addDays(today, -1)],
      );
      await as(test, token)
        .patch(`/api/me/homework-entries/${old.id}`)
        .send({ note: 'Changed my mind' })
        .expect(409);
      await expect(
        test.dataSource.query(`UPDATE homework_entries SET note = 'x' WHERE id = $1`, [old.id]),
      ).rejects.toThrow(/fixed 24 hours/);
      await expect(
        test.dataSource.query(`DELETE FROM homework_entries WHERE id = $1`, [entry.id]),
      ).rejects.toThrow(/never deleted/);
      const [row] = await test.dataSource.query<{ note: string }[]>(
        `SELECT note FROM homework_entries WHERE id = $1`,
        [old.id],
      );
      expect(row?.note).toBe("Yesterday's words");
    });
  });

  describe('couples', () => {
    it('assigns the daily repair check-in to both partners; each portal shows only their own', async () => {
      const a = await portalClient();
      const b = await portalClient();
      await test.dataSource.query(`UPDATE clients SET partner_id = $2 WHERE id = $1`, [
        a.client.id,
        b.client.id,
      ]);
      await test.dataSource.query(`UPDATE clients SET partner_id = $2 WHERE id = $1`, [
        b.client.id,
        a.client.id,
      ]);
      const assignment = await assign(a.client.id, 'daily-repair-check-in', {
        forPartnerToo: true,
      });
      expect(assignment.partnerAssignmentId).toEqual(expect.any(String));
      const twin = (
        (await mine().get(`/api/clients/${b.client.id}/homework`).expect(200))
          .body as HomeworkAssignment[]
      )[0];
      expect(twin).toMatchObject({
        id: assignment.partnerAssignmentId,
        partnerAssignmentId: assignment.id,
      });

      await as(test, a.token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: { ...checkIn, honestMoment: 'A said sorry.' } })
        .expect(201);
      await as(test, b.token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: today, answers: checkIn })
        .expect(404);
      const bPortal = (await as(test, b.token).get('/api/me/homework').expect(200))
        .body as MyHomework;
      expect(bPortal.assignments.map((x) => x.id)).toEqual([twin.id]);
      expect(JSON.stringify(bPortal)).not.toContain('A said sorry');
      expect(bPortal.assignments[0]?.current?.entry).toBeNull();
    });

    it('refuses the couple assignment when the partner is not on the caseload, storing nothing', async () => {
      const a = await portalClient();
      const b = await createClient(test.dataSource, clinic, { primaryTherapistId: null });
      await test.dataSource.query(`UPDATE clients SET partner_id = $2 WHERE id = $1`, [
        a.client.id,
        b.id,
      ]);
      const before = await count('homework_assignments');
      const response = await mine()
        .post(`/api/clients/${a.client.id}/homework`)
        .send({
          templateId: template('daily-repair-check-in').id,
          frequency: 'daily',
          startsOn: today,
          endsOn: addDays(today, 6),
          forPartnerToo: true,
        })
        .expect(409);
      expect((response.body as ApiErrorBody).message).toContain('not on your caseload');
      expect(await count('homework_assignments')).toBe(before);
    });

    async function couple(): Promise<
      [{ client: Client; token: string }, { client: Client; token: string }]
    > {
      const a = await portalClient();
      const b = await portalClient();
      await test.dataSource.query(
        `UPDATE clients SET partner_id = CASE id WHEN $1 THEN $2::uuid ELSE $1::uuid END WHERE id IN ($1, $2)`,
        [a.client.id, b.client.id],
      );
      return [a, b];
    }

    it("closing one partner's twin asks about the other's, and closes both when told to", async () => {
      const [a, b] = await couple();
      const assignment = await assign(a.client.id, 'daily-repair-check-in', {
        forPartnerToo: true,
      });
      const twinId = assignment.partnerAssignmentId ?? '';
      const asked = await mine()
        .patch(`/api/homework/${assignment.id}`)
        .send({ closed: true })
        .expect(400);
      expect(fieldsOf(asked.body)).toEqual(['partnerToo']);
      const closed = (
        await mine()
          .patch(`/api/homework/${assignment.id}`)
          .send({ closed: true, partnerToo: true })
          .expect(200)
      ).body as HomeworkAssignment;
      expect(closed.closedOn).toBe(today);
      const twin = (
        (await mine().get(`/api/clients/${b.client.id}/homework`).expect(200))
          .body as HomeworkAssignment[]
      ).find((item) => item.id === twinId);
      expect(twin?.closedOn).toBe(today);
      const bPortal = (await as(test, b.token).get('/api/me/homework').expect(200))
        .body as MyHomework;
      expect(bPortal.assignments.map((item) => item.id)).not.toContain(twinId);
    });

    it("can leave the partner's twin open when the therapist says so", async () => {
      const [a, b] = await couple();
      const assignment = await assign(a.client.id, 'daily-repair-check-in', {
        forPartnerToo: true,
      });
      await mine()
        .patch(`/api/homework/${assignment.id}`)
        .send({ closed: true, partnerToo: false })
        .expect(200);
      const twin = (
        (await mine().get(`/api/clients/${b.client.id}/homework`).expect(200))
          .body as HomeworkAssignment[]
      ).find((item) => item.id === assignment.partnerAssignmentId);
      expect(twin?.closedOn).toBeNull();
      // The twin closes on its own later without asking again: its partner is closed already.
      await mine()
        .patch(`/api/homework/${twin?.id ?? ''}`)
        .send({ closed: true })
        .expect(200);
    });
  });

  describe('library sync and readings', () => {
    it('brings an existing clinic in step by stable key, renaming what shamed the client', async () => {
      const [{ id: clinicId }] = await test.dataSource.query<{ id: string }[]>(
        `INSERT INTO clinics (name, time_zone) VALUES ('Old Clinic', 'America/Denver') RETURNING id`,
      );
      // The clinic as the earlier library left it: one exercise, in its old words.
      await test.dataSource.query(
        `INSERT INTO homework_templates (clinic_id, library_key, title, why, instructions, kind)
         VALUES ($1, 'pause-before-checking', 'Pause before checking',
                 'Checking and snooping bring brief relief and then more worry.', 'Old text.', 'task')`,
        [clinicId],
      );
      await test.dataSource.transaction((manager) => syncHomeworkLibrary(manager, clinicId));
      await test.dataSource.transaction((manager) => syncHomeworkLibrary(manager, clinicId));
      const rows = await test.dataSource.query<
        { library_key: string; why: string; instructions: string; kind: string }[]
      >(
        `SELECT library_key, why, instructions, kind FROM homework_templates WHERE clinic_id = $1`,
        [clinicId],
      );
      const keys = rows.map((row) => row.library_key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of [
        'repair-transparency',
        'wise-trust-watch',
        'reading-checking-as-protection',
      ]) {
        expect(keys).toContain(key);
      }
      const pause = rows.find((row) => row.library_key === 'pause-before-checking');
      expect(pause?.why).not.toMatch(/snoop/i);
      expect(pause?.instructions).not.toBe('Old text.');
      for (const row of rows) expect(`${row.why} ${row.instructions}`).not.toMatch(/snoop/i);
    });

    it('never writes on a read: listing templates copies nothing into a clinic', async () => {
      // A clinic made without the sync that clinic creation runs.
      const unsynced = await test.dataSource.manager.save(
        test.dataSource.manager.create(Clinic, {
          name: 'Unsynced',
          timeZone: 'America/Chicago',
        }),
      );
      const user = await createUser(test.dataSource, unsynced, 'therapist');
      const token = (await signIn(test, user.email)).token;
      await as(test, token).get('/api/homework-templates').expect(200);
      const [row] = await test.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM homework_templates WHERE clinic_id = $1`,
        [unsynced.id],
      );
      expect(row?.n).toBe(0);
    });

    it('assigns a reading like homework; reading it in the portal counts as done', async () => {
      const { client, token } = await portalClient();
      const reading = template('reading-wise-trust');
      expect(reading).toMatchObject({ kind: 'reading', readingKey: 'wise-trust' });
      const assignment = await assign(client.id, 'reading-wise-trust', {
        frequency: 'once',
        endsOn: addDays(today, 6),
      });
      const portal = (await as(test, token).get('/api/me/homework').expect(200)).body as MyHomework;
      const mineNow = portal.assignments.find((item) => item.id === assignment.id);
      expect(mineNow).toMatchObject({ kind: 'reading', readingKey: 'wise-trust' });
      const text = await as(test, token).get('/api/readings/wise-trust').expect(200);
      expect((text.body as { title: string }).title).toBe('Wise trust, not blind trust');
      await as(test, token)
        .post(`/api/me/homework/${assignment.id}/entries`)
        .send({ occursOn: mineNow?.current?.occursOn ?? today })
        .expect(201);
      const seen = (
        (await mine().get(`/api/clients/${client.id}/homework`).expect(200))
          .body as HomeworkAssignment[]
      ).find((item) => item.id === assignment.id);
      expect(seen?.adherence).toMatchObject({ done: 1 });
    });

    it('keeps readings for the library: a therapist cannot write a "reading" of their own', async () => {
      const response = await mine()
        .post('/api/homework-templates')
        .send({ title: 'Mine', why: 'Because', instructions: 'Read', kind: 'reading' })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(['kind']);
    });
  });
});
