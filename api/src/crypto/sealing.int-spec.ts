import {
  addDays,
  todayIn,
  type AssessmentDetail,
  type ClientDetail,
  type HomeworkAssignment,
  type HomeworkEntry,
  type HomeworkTemplate,
  type MeasureSeries,
} from '@cairn/contracts';
import { Logger } from '@nestjs/common';
import { databaseText } from '../../test/database-text';
import {
  as,
  createClient,
  createClinic,
  createUser,
  sealClearRows,
  signIn,
} from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { FieldCipher } from './field-cipher';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

/** One known sentence per sealed field, each findable on its own. */
const S = {
  concerns: 'Quartz-lantern: he was twenty minutes late and my chest went tight.',
  historyNote: 'Quartz-meadow: feelings were never talked about at home.',
  timeline: 'Quartz-harbour: found the second phone in the glovebox.',
  indexEvent: 'Quartz-orchard: the night the messages came to light.',
  acknowledgement: 'Quartz-ember: called her, safety plan in place.',
  journal: 'Quartz-willow: my stomach dropped when the phone buzzed.',
  checkIn: 'Quartz-river: he told me about the lunch before I asked.',
  legacy: 'Quartz-granite: written before sealing existed.',
};

describe('Sealed clinical text', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let client: Client;
  let therapistToken: string;
  let clientToken: string;
  let today: string;
  let templates: HomeworkTemplate[];

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    const portalUser = await createUser(test.dataSource, clinic, 'client');
    client = await createClient(test.dataSource, clinic, {
      primaryTherapistId: therapist.id,
      portalUserId: portalUser.id,
    });
    therapistToken = (await signIn(test, therapist.email)).token;
    clientToken = (await signIn(test, portalUser.email)).token;
    today = todayIn(clinic.timeZone);
    templates = (await mine().get('/api/homework-templates').expect(200))
      .body as HomeworkTemplate[];
  });
  afterAll(() => test.close());

  const mine = () => as(test, therapistToken);
  const portal = () => as(test, clientToken);
  const assign = async (key: string) =>
    (
      await mine()
        .post(`/api/clients/${client.id}/homework`)
        .send({
          templateId: templates.find((t) => t.libraryKey === key)?.id,
          frequency: 'daily',
          startsOn: today,
          endsOn: addDays(today, 6),
        })
        .expect(201)
    ).body as HomeworkAssignment;
  const pcl5Answers = Object.fromEntries(
    Array.from({ length: 20 }, (_, index) => [`pcl5-${index + 1}`, (index * 3) % 5]),
  );

  let timelineId = '';
  let pcl5Id = '';
  let phq9Id = '';
  let journal: HomeworkAssignment;
  let checkIn: HomeworkAssignment;

  it('keeps every sealed field out of a database dump, and reads each back unchanged', async () => {
    await mine()
      .patch(`/api/clients/${client.id}`)
      .send({
        intake: {
          presentingConcerns: S.concerns,
          history: { childhoodEmotionalNeglect: { present: true, note: S.historyNote } },
        },
      })
      .expect(200);
    timelineId = (
      (
        await mine()
          .post(`/api/clients/${client.id}/timeline`)
          .send({ kind: 'discovery', occurredOn: addDays(today, -60), note: S.timeline })
          .expect(201)
      ).body as { id: string }
    ).id;
    pcl5Id = (
      (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({
            instrumentCode: 'PCL-5',
            mode: 'in_session',
            indexEvent: { description: S.indexEvent, occurredOn: null },
          })
          .expect(201)
      ).body as AssessmentDetail
    ).id;
    await mine()
      .put(`/api/assessments/${pcl5Id}/answers`)
      .send({ answers: pcl5Answers })
      .expect(200);
    await mine().post(`/api/assessments/${pcl5Id}/complete`).expect(200);
    phq9Id = (
      (
        await mine()
          .post(`/api/clients/${client.id}/assessments`)
          .send({ instrumentCode: 'PHQ-9', mode: 'in_session' })
          .expect(201)
      ).body as AssessmentDetail
    ).id;
    await mine()
      .put(`/api/assessments/${phq9Id}/answers`)
      .send({ answers: { 'phq9-1': 3, 'phq9-9': 1 } })
      .expect(200);
    await mine()
      .post(`/api/assessments/${phq9Id}/acknowledge-risk`)
      .send({ note: S.acknowledgement })
      .expect(200);
    journal = await assign('intuition-or-alarm');
    await portal()
      .post(`/api/me/homework/${journal.id}/entries`)
      .send({ occursOn: today, note: S.journal })
      .expect(201);
    checkIn = await assign('daily-repair-check-in');
    const answers = {
      feltSafety: 6,
      promisesKept: 'all',
      honestMoment: S.checkIn,
      gutSense: 'uneasy',
    };
    await portal()
      .post(`/api/me/homework/${checkIn.id}/entries`)
      .send({ occursOn: today, answers })
      .expect(201);

    const dump = await databaseText(test.database.ownerUrl, test.dataSource);
    // The dump is real: what stays in clear is in it.
    expect(dump).toContain(client.legalName);
    expect(dump).toContain('phq9-item9');
    for (const sentence of Object.values(S)) expect(dump).not.toContain(sentence.slice(0, 20));
    expect(dump).not.toContain('Quartz-');
    // Answer sets are sealed whole: not even the item ids of the answers are in clear.
    expect(dump).not.toContain('pcl5-1');
    expect(dump).not.toContain('phq9-1"');
    expect(dump).not.toContain('honestMoment');

    const file = (await mine().get(`/api/clients/${client.id}`).expect(200)).body as ClientDetail;
    expect(file.clinical?.intake.presentingConcerns).toBe(S.concerns);
    expect(file.clinical?.intake.history.childhoodEmotionalNeglect).toEqual({
      present: true,
      note: S.historyNote,
    });
    expect(file.clinical?.timeline.find((event) => event.id === timelineId)?.note).toBe(S.timeline);
    const pcl5 = (await mine().get(`/api/assessments/${pcl5Id}`).expect(200))
      .body as AssessmentDetail;
    expect(pcl5.answers).toEqual(pcl5Answers);
    expect(pcl5.indexEvent?.description).toBe(S.indexEvent);
    const phq9 = (await mine().get(`/api/assessments/${phq9Id}`).expect(200))
      .body as AssessmentDetail;
    expect(phq9.answers).toEqual({ 'phq9-1': 3, 'phq9-9': 1 });
    expect(phq9.risks.map((risk) => risk.note)).toEqual([S.acknowledgement]);
    const journalEntries = (await mine().get(`/api/homework/${journal.id}/entries`).expect(200))
      .body as HomeworkEntry[];
    expect(journalEntries.map((entry) => entry.note)).toEqual([S.journal]);
    const checkIns = (await mine().get(`/api/homework/${checkIn.id}/entries`).expect(200))
      .body as HomeworkEntry[];
    expect(checkIns.map((entry) => entry.answers)).toEqual([answers]);
  });

  it('opens no sealed value for reads that need only totals: the therapist home and assessment lists', async () => {
    const opened = jest.spyOn(FieldCipher.prototype, 'open');
    try {
      await mine().get('/api/dashboard/caseload').expect(200);
      await mine().get(`/api/clients/${client.id}/assessments`).expect(200);
      await portal().get('/api/me/assessments').expect(200);
      expect(opened).not.toHaveBeenCalled();
      // The spy sees opening where it happens: a detail read opens the answers.
      await mine().get(`/api/assessments/${pcl5Id}`).expect(200);
      expect(opened).toHaveBeenCalled();
    } finally {
      opened.mockRestore();
    }
  });

  it('charts scores over time without opening the answers of instruments that chart only totals', async () => {
    const opened = jest.spyOn(FieldCipher.prototype, 'open');
    try {
      const series = (await mine().get(`/api/clients/${client.id}/measures`).expect(200))
        .body as MeasureSeries[];
      expect(series.flatMap((line) => line.points.map((point) => point.assessmentId))).toContain(
        pcl5Id,
      );
      await mine().get(`/api/clients/${client.id}/progress`).expect(200);
      const contexts = opened.mock.calls.map((call) => call[1]);
      // Neither a PCL-5's answers nor its index event: its chart is totals, bands and clusters.
      expect(contexts.filter((context) => context.startsWith('assessments:'))).toEqual([]);
      // What the page does chart from sealed values is still opened: the check-in answers.
      expect(contexts.some((context) => context.startsWith('homework_entries:'))).toBe(true);
    } finally {
      opened.mockRestore();
    }
  });

  it('answers 422 naming the record whose sealed value does not open, and alerts in the log', async () => {
    const alerts = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      // One byte of the ciphertext flipped (the tag no longer matches).
      await test.dataSource.query(
        `UPDATE client_timeline_events
            SET note_sealed = set_byte(note_sealed, 30, (get_byte(note_sealed, 30) + 1) % 256)
          WHERE id = $1`,
        [timelineId],
      );
      const response = await mine().get(`/api/clients/${client.id}`).expect(422);
      expect((response.body as { message: string }).message).toContain(timelineId);
      expect(JSON.stringify(response.body)).not.toContain('Quartz-');
      expect(alerts.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(
        new RegExp(`ALERT: sealed value client_timeline_events\\.note of record ${timelineId}`),
      );
      // The rest of the file is unaffected: a read that does not need the value still works.
      const pcl5 = (await mine().get(`/api/assessments/${pcl5Id}`).expect(200))
        .body as AssessmentDetail;
      expect(pcl5.indexEvent?.description).toBe(S.indexEvent);
    } finally {
      alerts.mockRestore();
    }
  });

  it('seals the clear values of an older database in place, fixed entries and completed assessments included', async () => {
    // As a database from before sealing holds them: an entry written two days ago (fixed by the
    // trigger), and a completed administration with its answers in clear.
    const [entry] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO homework_entries (clinic_id, assignment_id, client_id, occurs_on, note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, now() - interval '2 days', now() - interval '2 days') RETURNING id`,
      [clinic.id, journal.id, client.id, addDays(today, 1), S.legacy],
    );
    const [old] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                                answers, created_by, completed_at, completed_by, total)
       VALUES ($1, $2, 'GAD-7', '1', 'in_session', 'completed', '{"gad7-1": 2}', $3, now(), $3, 2)
       RETURNING id`,
      [clinic.id, client.id, therapist.id],
    );
    expect(await databaseText(test.database.ownerUrl, test.dataSource)).toContain(S.legacy);

    await sealClearRows(test);
    await sealClearRows(test); // nothing left: a second run changes nothing

    const dump = await databaseText(test.database.ownerUrl, test.dataSource);
    expect(dump).not.toContain(S.legacy);
    expect(dump).not.toContain('gad7-1');
    const [row] = await test.dataSource.query<{ note: string | null; sealed: boolean }[]>(
      `SELECT note, note_sealed IS NOT NULL AS sealed FROM homework_entries WHERE id = $1`,
      [entry?.id],
    );
    expect(row).toEqual({ note: null, sealed: true });
    const entries = (await mine().get(`/api/homework/${journal.id}/entries`).expect(200))
      .body as HomeworkEntry[];
    expect(entries.map((item) => item.note)).toContain(S.legacy);
    const gad7 = (await mine().get(`/api/assessments/${old?.id}`).expect(200))
      .body as AssessmentDetail;
    expect(gad7.answers).toEqual({ 'gad7-1': 2 });

    // The owner's exception covers sealed values and key ids only: a score stays fixed.
    await expect(
      test.dataSource.query(`UPDATE assessments SET total = 3 WHERE id = $1`, [old?.id]),
    ).rejects.toThrow(/cannot change/);
    await expect(
      test.dataSource.query(`UPDATE homework_entries SET private = true WHERE id = $1`, [
        entry?.id,
      ]),
    ).rejects.toThrow(/fixed 24 hours/);
  });

  it('never lets the runtime role use the re-sealing exception', async () => {
    await expect(
      test.runtimeDataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.clinic_id', $1, true)`, [clinic.id]);
        await manager.query(
          `UPDATE assessments SET answers_key_id = answers_key_id, answers_sealed = answers_sealed || '\\x00'::bytea
            WHERE id = $1`,
          [pcl5Id],
        );
      }),
    ).rejects.toThrow(/cannot change/);
  });
});
