import type {
  ApiErrorBody,
  CaseloadAttention,
  NoteContent,
  NoteDetail,
  NoteListItem,
  NoteSummary,
  NoteTemplate,
} from '@cairn/contracts';
import {
  as,
  createClient,
  createClinic,
  createUser,
  signIn,
  TEST_PASSWORD,
} from '../../test/factories';
import { binary, pdfText } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const fieldsOf = (body: unknown) =>
  ((body as ApiErrorBody).fields ?? []).map((field) => field.field).sort();

const HOURS = 60 * 60 * 1000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOURS).toISOString();

const progressContent: NoteContent = {
  focus: 'Alarm after a late reply from the partner; told intuition from trauma echo.',
  nervousSystem: ['hyperaroused', 'regulated'],
  disclosureStage: 'partial_disclosure',
  interventions: ['somatic_experiencing', 'psychoeducation'],
  homeworkAssigned: 'Body check-in twice a day.',
  risk: { level: 'none' },
  plan: 'Weekly sessions; review the check-ins next time.',
};

describe('Session notes', () => {
  let test: TestApp;
  let clinic: Clinic;
  let author: User;
  let authorToken: string;
  let colleague: User;
  let colleagueToken: string;
  let adminToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { name: 'Riverside Counselling' });
    author = await createUser(test.dataSource, clinic, 'therapist', {
      displayName: 'Dr. Ana Díaz',
    });
    colleague = await createUser(test.dataSource, clinic, 'therapist');
    authorToken = (await signIn(test, author.email)).token;
    colleagueToken = (await signIn(test, colleague.email)).token;
    adminToken = (await signIn(test, (await createUser(test.dataSource, clinic, 'admin')).email))
      .token;
  });
  afterAll(() => test.close());

  const asAuthor = () => as(test, authorToken);

  function clientOf(therapist: User, overrides: Partial<Client> = {}): Promise<Client> {
    return createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      ...overrides,
    });
  }

  async function draft(
    client: Client,
    body: Record<string, unknown> = {},
    token = authorToken,
  ): Promise<NoteDetail> {
    return (
      await as(test, token)
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'bt_progress',
          sessionAt: hoursAgo(2),
          durationMinutes: 53,
          serviceType: 'individual_60',
          content: progressContent,
          ...body,
        })
        .expect(201)
    ).body as NoteDetail;
  }

  const save = (note: NoteDetail, changes: Partial<NoteDetail> = {}, token = authorToken) =>
    as(test, token)
      .put(`/api/notes/${note.id}`)
      .send({
        version: note.version,
        sessionAt: note.sessionAt,
        durationMinutes: note.durationMinutes,
        serviceType: note.serviceType,
        content: note.content,
        ...changes,
      });

  const sign = (note: NoteDetail, password = TEST_PASSWORD, token = authorToken) =>
    as(test, token).post(`/api/notes/${note.id}/sign`).send({ version: note.version, password });

  async function signed(client: Client, body: Record<string, unknown> = {}): Promise<NoteDetail> {
    const note = await draft(client, body);
    return (await sign(note).expect(200)).body as NoteDetail;
  }

  async function stored(noteId: string) {
    const rows = await test.dataSource.query<{ status: string; version: number; row: string }[]>(
      'SELECT status, version, row_to_json(n)::text AS row FROM session_notes n WHERE id = $1',
      [noteId],
    );
    return rows[0];
  }

  it('serves the templates, with the betrayal-trauma fields and a private process note', async () => {
    const templates = (await asAuthor().get('/api/note-templates').expect(200))
      .body as NoteTemplate[];
    expect(templates.map((template) => template.code)).toEqual([
      'bt_progress',
      'soap',
      'dap',
      'birp',
      'intake',
      'process',
    ]);
    const fields = templates[0]?.sections.flatMap((section) => section.fields.map((f) => f.key));
    expect(fields).toEqual(
      expect.arrayContaining([
        'nervousSystem',
        'triggers',
        'disclosureStage',
        'boundaries',
        'interventions',
        'homeworkReviewed',
        'homeworkAssigned',
        'risk',
      ]),
    );
    expect(templates.find((template) => template.code === 'process')?.kind).toBe('psychotherapy');
    await as(test, adminToken).get('/api/note-templates').expect(403);
  });

  describe('drafts', () => {
    it('creates a draft with its billing code and keeps no readable text in the database', async () => {
      const client = await clientOf(author);
      const note = await draft(client);
      expect(note).toMatchObject({
        status: 'draft',
        kind: 'progress',
        version: 1,
        cptCode: '90837',
        content: progressContent,
        late: false,
        mine: true,
        integrity: 'unsigned',
        author: { id: author.id, displayName: 'Dr. Ana Díaz' },
      });
      const row = await stored(note.id);
      expect(row?.row).not.toContain('late reply');
      expect(row?.row).not.toContain('somatic');
      // What a dump would show: the key id and ciphertext, nothing else of the note.
      const [sealed] = await test.dataSource.query<{ content_key_id: string; bytes: number }[]>(
        'SELECT content_key_id, octet_length(content_sealed) AS bytes FROM session_notes WHERE id = $1',
        [note.id],
      );
      expect(sealed).toEqual({ content_key_id: 'test-1', bytes: expect.any(Number) });
    });

    it('autosaves with versions, and refuses a save based on an older version with the current note', async () => {
      const client = await clientOf(author);
      const note = await draft(client);
      const first = (
        await save(note, { content: { ...progressContent, triggers: 'A late text.' } }).expect(200)
      ).body as NoteDetail;
      expect(first.version).toBe(2);
      // The save answers with the note exactly as a fresh read shows it.
      expect(first).toEqual((await asAuthor().get(`/api/notes/${note.id}`).expect(200)).body);

      // A second tab still holding version 1 must not overwrite the newer text.
      const stale = await save(note, {
        content: { ...progressContent, triggers: 'Old tab.' },
      }).expect(409);
      const body = stale.body as ApiErrorBody & { current: NoteDetail };
      expect(body.message).toContain('saved elsewhere');
      expect(body.current).toMatchObject({ version: 2, content: { triggers: 'A late text.' } });
      expect((await stored(note.id))?.version).toBe(2);
    });

    it.each([
      ['an unknown template field', { ...progressContent, mood: 'fine' }, ['content.mood']],
      [
        'a choice that is not offered',
        { ...progressContent, disclosureStage: 'told_everyone' },
        ['content.disclosureStage'],
      ],
      [
        'an intervention that is not listed',
        { ...progressContent, interventions: ['hypnosis'] },
        ['content.interventions'],
      ],
      [
        'a risk level that does not exist',
        { ...progressContent, risk: { level: 'extreme' } },
        ['content.risk'],
      ],
      [
        'more text than a note may hold',
        { ...progressContent, progress: 'x'.repeat(60_001) },
        ['content'],
      ],
    ])('refuses %s, and nothing changes', async (_, content, fields) => {
      const client = await clientOf(author);
      const note = await draft(client);
      const response = await save(note, { content: content as NoteContent }).expect(400);
      expect(fieldsOf(response.body)).toEqual(fields);
      expect((await stored(note.id))?.version).toBe(1);
    });

    it('refuses bad session facts when creating', async () => {
      const client = await clientOf(author);
      const response = await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'narrative',
          sessionAt: 'yesterday',
          durationMinutes: 0,
          serviceType: 'group',
        })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual([
        'durationMinutes',
        'serviceType',
        'sessionAt',
        'templateCode',
      ]);
      const future = await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: new Date(Date.now() + 72 * HOURS).toISOString(),
          durationMinutes: 50,
          serviceType: 'individual_45',
        })
        .expect(400);
      expect(fieldsOf(future.body)).toEqual(['sessionAt']);
      const [count] = await test.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM session_notes WHERE client_id = $1',
        [client.id],
      );
      expect(count?.n).toBe(0);
    });
  });

  describe('signing', () => {
    it('needs the author’s password, a safety plan above low risk, and the current version', async () => {
      const client = await clientOf(author);
      const note = await draft(client, {
        content: { ...progressContent, risk: { level: 'moderate' } },
      });

      const wrong = await sign(note, 'not-my-password').expect(400);
      expect(fieldsOf(wrong.body)).toEqual(['password']);
      const noPlan = await sign(note).expect(400);
      expect(fieldsOf(noPlan.body)).toEqual(['content.risk']);
      expect((noPlan.body as ApiErrorBody).fields?.[0]?.problems[0]).toContain('safety plan');
      expect((await stored(note.id))?.status).toBe('draft');

      const withPlan = (
        await save(note, {
          content: {
            ...progressContent,
            risk: { level: 'moderate', plan: 'Crisis line card; check in Friday.' },
          },
        }).expect(200)
      ).body as NoteDetail;
      await sign(note).expect(409); // version 1 is stale now
      const before = Date.now();
      const done = (await sign(withPlan).expect(200)).body as NoteDetail;
      const after = Date.now();
      expect(done).toMatchObject({ status: 'signed', integrity: 'intact', late: false });
      expect(done.contentHash).toMatch(/^[0-9a-f]{64}$/);
      // Signed now: the moment of signing, not a copy of the session time or an old save.
      const signedAt = Date.parse(done.signedAt ?? '');
      expect(signedAt).toBeGreaterThanOrEqual(before);
      expect(signedAt).toBeLessThanOrEqual(after);
    });

    it('a signed note never changes: the API answers 409 and the database refuses too', async () => {
      const client = await clientOf(author);
      const note = await signed(client);
      const refused = await save(note, {
        content: { ...progressContent, plan: 'Rewritten.' },
      }).expect(409);
      expect((refused.body as ApiErrorBody).message).toContain('addendum');
      await sign(note).expect(409);
      const before = await stored(note.id);

      await expect(
        test.dataSource.query(`UPDATE session_notes SET duration_minutes = 30 WHERE id = $1`, [
          note.id,
        ]),
      ).rejects.toThrow(/signed note .* cannot be changed/);
      await expect(
        test.dataSource.query(`DELETE FROM session_notes WHERE id = $1`, [note.id]),
      ).rejects.toThrow(/cannot be changed or deleted/);
      expect(await stored(note.id)).toEqual(before);
      const reread = (await asAuthor().get(`/api/notes/${note.id}`).expect(200)).body as NoteDetail;
      expect(reread).toMatchObject({
        content: { plan: progressContent['plan'] },
        integrity: 'intact',
      });
    });

    it('only the author signs: the client’s therapist gets 403, another therapist 404', async () => {
      const client = await clientOf(colleague);
      // The author wrote this note before the client moved to the colleague.
      const note = await draft(await clientOf(author));
      await test.dataSource.query('UPDATE session_notes SET client_id = $1 WHERE id = $2', [
        client.id,
        note.id,
      ]);
      await sign(note, TEST_PASSWORD, colleagueToken).expect(403);
      // The treating therapist reads it under its author's name, not their own.
      const read = await as(test, colleagueToken).get(`/api/notes/${note.id}`).expect(200);
      expect(read.body).toMatchObject({
        author: { id: author.id, displayName: 'Dr. Ana Díaz' },
        mine: false,
      });
      const stranger = await createUser(test.dataSource, clinic, 'therapist');
      await sign(note, TEST_PASSWORD, (await signIn(test, stranger.email)).token).expect(404);
      expect((await stored(note.id))?.status).toBe('draft');
    });
  });

  describe('addenda', () => {
    it('appends dated, signed entries under a signed note, and never under a draft', async () => {
      const client = await clientOf(author);
      const note = await draft(client);
      await asAuthor()
        .post(`/api/notes/${note.id}/addenda`)
        .send({ text: 'Too early.', password: TEST_PASSWORD })
        .expect(409);
      const final = (await sign(note).expect(200)).body as NoteDetail;
      // The answer says what the author may do next: amend it, download it.
      expect(final.can).toEqual(expect.arrayContaining(['read', 'amend', 'download']));
      const wrong = await asAuthor()
        .post(`/api/notes/${final.id}/addenda`)
        .send({ text: 'Correction.', password: 'nope-nope-nope' })
        .expect(400);
      expect(fieldsOf(wrong.body)).toEqual(['password']);
      const amended = (
        await asAuthor()
          .post(`/api/notes/${final.id}/addenda`)
          .send({
            text: 'Correction: the session ran 50 minutes, not 53.',
            password: TEST_PASSWORD,
          })
          .expect(201)
      ).body as NoteDetail;
      expect(amended.addenda).toEqual([
        expect.objectContaining({
          text: 'Correction: the session ran 50 minutes, not 53.',
          author: { id: author.id, displayName: 'Dr. Ana Díaz' },
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      ]);
      expect(amended.integrity).toBe('intact');
      await expect(
        test.dataSource.query(`DELETE FROM note_addenda WHERE note_id = $1`, [final.id]),
      ).rejects.toThrow(/append-only/);
      const [row] = await test.dataSource.query<{ row: string }[]>(
        'SELECT row_to_json(a)::text AS row FROM note_addenda a WHERE note_id = $1',
        [final.id],
      );
      expect(row?.row).not.toContain('Correction');
    });
  });

  describe('who sees what', () => {
    it('an admin sees only that progress notes exist and which are late, never their content', async () => {
      const client = await clientOf(author);
      const late = await draft(client, { sessionAt: hoursAgo(80) });
      await signed(client, { sessionAt: hoursAgo(30) });
      await draft(client, { templateCode: 'process', content: { process: 'My own reactions.' } });

      const list = (await as(test, adminToken).get(`/api/clients/${client.id}/notes`).expect(200))
        .body as NoteSummary[];
      expect(list).toHaveLength(2);
      expect(list.map((note) => [note.status, note.late])).toEqual([
        ['signed', false],
        ['draft', true],
      ]);
      expect(Object.keys(list[0] ?? {}).sort()).toEqual([
        'author',
        'clientId',
        'id',
        'kind',
        'late',
        'sessionAt',
        'signedAt',
        'status',
      ]);
      const denied = await as(test, adminToken).get(`/api/notes/${late.id}`).expect(403);
      expect(JSON.stringify(denied.body)).not.toContain('late reply');
      await as(test, adminToken).get(`/api/notes/${late.id}/pdf`).expect(403);
    });

    it('a client, another therapist and another clinic learn nothing', async () => {
      const portalUser = await createUser(test.dataSource, clinic, 'client');
      const client = await clientOf(author, { portalUserId: portalUser.id });
      const note = await signed(client);
      const clientToken = (await signIn(test, portalUser.email)).token;
      await as(test, clientToken).get(`/api/clients/${client.id}/notes`).expect(403);
      await as(test, clientToken).get(`/api/notes/${note.id}`).expect(403);
      await as(test, clientToken).get(`/api/notes/${note.id}/pdf`).expect(403);

      await as(test, colleagueToken).get(`/api/clients/${client.id}/notes`).expect(404);
      await as(test, colleagueToken).get(`/api/notes/${note.id}`).expect(404);
      await save(note, {}, colleagueToken).expect(404);
      await as(test, colleagueToken)
        .post(`/api/notes/${note.id}/addenda`)
        .send({ text: 'Not mine.', password: TEST_PASSWORD })
        .expect(404);

      const elsewhere = await createClinic(test.dataSource, { name: 'Elsewhere' });
      const outsider = await createUser(test.dataSource, elsewhere, 'therapist');
      const outsiderToken = (await signIn(test, outsider.email)).token;
      await as(test, outsiderToken).get(`/api/notes/${note.id}`).expect(404);
      await as(test, outsiderToken).get(`/api/notes/${note.id}/pdf`).expect(404);
      const outsiderAdmin = await createUser(test.dataSource, elsewhere, 'admin');
      await as(test, (await signIn(test, outsiderAdmin.email)).token)
        .get(`/api/clients/${client.id}/notes`)
        .expect(404);
    });

    it('a psychotherapy note is its author’s alone, even after the client moves to another therapist', async () => {
      const client = await clientOf(author);
      const processNote = await draft(client, {
        templateCode: 'process',
        content: { process: 'I noticed I wanted to rescue her.' },
      });
      const progress = await signed(client);
      await test.dataSource.query('UPDATE clients SET primary_therapist_id = $1 WHERE id = $2', [
        colleague.id,
        client.id,
      ]);

      const seenByNewTherapist = (
        await as(test, colleagueToken).get(`/api/clients/${client.id}/notes`).expect(200)
      ).body as NoteListItem[];
      expect(seenByNewTherapist.map((note) => note.id)).toEqual([progress.id]);
      await as(test, colleagueToken).get(`/api/notes/${processNote.id}`).expect(404);
      await as(test, colleagueToken).get(`/api/notes/${progress.id}`).expect(200);

      // The author still reads both of their own notes.
      await asAuthor().get(`/api/notes/${processNote.id}`).expect(200);
      const signedProcess = (await sign(processNote).expect(200)).body as NoteDetail;
      // Psychotherapy notes have no download in the permissions table: not even their author's.
      const refused = await asAuthor().get(`/api/notes/${signedProcess.id}/pdf`).expect(403);
      expect((refused.body as ApiErrorBody).message).toContain('download');
    });

    it('audits every read of a note’s content, once per read', async () => {
      const client = await clientOf(author);
      const note = await draft(client);
      await asAuthor().get(`/api/notes/${note.id}`).expect(200);
      await asAuthor().get(`/api/notes/${note.id}`).expect(200);
      const rows = await test.dataSource.query<{ action: string; user_id: string }[]>(
        `SELECT action, user_id FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at`,
        [note.id],
      );
      expect(rows.map((row) => row.action)).toEqual(['note.created', 'note.viewed', 'note.viewed']);
      expect(rows.every((row) => row.user_id === author.id)).toBe(true);
    });
  });

  describe('linked to an appointment', () => {
    let slot = 0;
    async function appointment(client: Client, status: 'completed' | 'cancelled' = 'completed') {
      // One hour apart: the therapist cannot be booked twice at once.
      const start = new Date(Date.now() - (3 + slot++) * HOURS);
      const [row] = await test.dataSource.query<{ id: string }[]>(
        `INSERT INTO appointments (clinic_id, therapist_id, kind, status, starts_at, ends_at, client_id,
                                   created_by, cancelled_at, cancelled_by, cancel_reason)
         VALUES ($1, $2, 'session', $3, $4, $5, $6, $2, $7, $8, $9) RETURNING id`,
        [
          clinic.id,
          author.id,
          status,
          start,
          new Date(start.getTime() + 50 * 60 * 1000),
          client.id,
          status === 'cancelled' ? new Date() : null,
          status === 'cancelled' ? author.id : null,
          status === 'cancelled' ? 'Client unwell' : null,
        ],
      );
      return row?.id ?? '';
    }

    it('documents one of the client’s appointments, once per kind of note', async () => {
      const client = await clientOf(author);
      const appointmentId = await appointment(client);
      const note = await draft(client, { appointmentId });
      expect(note.appointmentId).toBe(appointmentId);
      // The chart's list says which appointment each note documents (a schedule then offers
      // "Open note" rather than a second note the server would refuse).
      const listed = (await asAuthor().get(`/api/clients/${client.id}/notes`).expect(200))
        .body as NoteListItem[];
      expect(listed.find((item) => item.id === note.id)?.appointmentId).toBe(appointmentId);
      const again = await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send({
          templateCode: 'soap',
          sessionAt: hoursAgo(3),
          durationMinutes: 50,
          serviceType: 'individual_45',
          appointmentId,
        })
        .expect(409);
      expect((again.body as ApiErrorBody).message).toContain('already has a note');
      // A private process note for the same session is a different kind: allowed.
      await draft(client, { templateCode: 'process', content: {}, appointmentId });
    });

    it('refuses another client’s appointment, a cancelled one, and one that does not exist', async () => {
      const client = await clientOf(author);
      const other = await clientOf(author);
      const body = (appointmentId: string) => ({
        templateCode: 'soap',
        sessionAt: hoursAgo(3),
        durationMinutes: 50,
        serviceType: 'individual_45',
        appointmentId,
      });
      const notTheirs = await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send(body(await appointment(other)))
        .expect(400);
      expect(fieldsOf(notTheirs.body)).toEqual(['appointmentId']);
      await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send(body(await appointment(client, 'cancelled')))
        .expect(409);
      await asAuthor()
        .post(`/api/clients/${client.id}/notes`)
        .send(body('6f1d8f0e-1b7a-4c59-9d5e-2f1e3c4b5a69'))
        .expect(400);
      const [count] = await test.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM session_notes WHERE client_id = $1',
        [client.id],
      );
      expect(count?.n).toBe(0);
    });
  });

  it('lists late notes on the therapist’s home', async () => {
    const client = await clientOf(author, { legalName: 'Late Lorna' });
    const late = await draft(client, { sessionAt: hoursAgo(73) });
    await draft(client, { sessionAt: hoursAgo(71) });
    await draft(client, { templateCode: 'process', sessionAt: hoursAgo(100), content: {} });
    const home = (await asAuthor().get('/api/dashboard/caseload').expect(200))
      .body as CaseloadAttention;
    expect(home.lateNotes.filter((note) => note.clientId === client.id)).toEqual([
      {
        id: late.id,
        clientId: client.id,
        clientName: 'Late Lorna',
        sessionAt: late.sessionAt,
        noteMissing: false,
        appointmentId: null,
      },
    ]);
  });

  describe('PDF for a records request', () => {
    it('renders the signed note and its addenda, names in any script, and is audited', async () => {
      const client = await clientOf(author, {
        legalName: "Zoë Nguyễn-Łukasz O'Brien 王芳",
        dateOfBirth: '1988-03-14',
      });
      const note = await signed(client, {
        content: { ...progressContent, triggers: 'Seeing 王芳’s phone light up at night.' },
      });
      await asAuthor()
        .post(`/api/notes/${note.id}/addenda`)
        .send({ text: 'Addendum: client later clarified the date.', password: TEST_PASSWORD })
        .expect(201);

      const response = await asAuthor()
        .get(`/api/notes/${note.id}/pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="session-note-\d{4}-\d{2}-\d{2}\.pdf"$/,
      );
      const pdf = response.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { text, pages } = await pdfText(pdf);
      for (const expected of [
        'Riverside Counselling',
        'Session note',
        "Zoë Nguyễn-Łukasz O'Brien 王芳",
        '1988-03-14',
        'CPT 90837',
        'Dr. Ana Díaz',
        'Alarm after a late reply',
        'Somatic experiencing, Psychoeducation',
        'Partial or staggered disclosure',
        'Seeing 王芳',
        'Risk level: None identified.',
        note.contentHash ?? 'missing hash',
        'Addendum: client later clarified the date.',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('(s)');
      pages.forEach((page, index) => {
        // No page holds only the signature block: it keeps the last field with it.
        expect(page.replace(/\s+/g, ' ').trim()).not.toMatch(/^Signature\b/);
        expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
        expect(page).toContain('Confidential health information');
      });

      const draftNote = await draft(client);
      await asAuthor().get(`/api/notes/${draftNote.id}/pdf`).expect(409);
      const exports = await test.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'note.exported' AND entity_id = $1`,
        [note.id],
      );
      expect(exports[0]?.n).toBe(1);
    });
  });
});
