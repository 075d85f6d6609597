import type { ClientProgress, ReportDetail } from '@cairn/contracts';
import { findInstrument, scoreAnswers, type Answers } from '@cairn/instruments';
import {
  as,
  createClient,
  createClinic,
  createUser,
  sealClearRows,
  signIn,
} from '../../test/factories';
import { binary, pdfText } from '../../test/pdf-text';
import { createTestApp, type TestApp } from '../../test/test-app';
import { toResult } from '../assessments/assessment-views';
import type { Client } from '../clients/entities/client.entity';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const numbered = (prefix: string, values: number[]): Answers =>
  Object.fromEntries(values.map((value, index) => [`${prefix}-${index + 1}`, value]));

/**
 * What a report prints: every date in the clinic's time zone, PCL-5 clusters and the DSM-5 rule,
 * the Trust Patterns' real anchors and interpretation, open risk flags on the file copy.
 */
describe('Report content', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapist: User;
  let token: string;
  let client: Client;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource, { timeZone: 'America/Chicago' });
    therapist = await createUser(test.dataSource, clinic, 'therapist');
    token = (await signIn(test, therapist.email)).token;
    client = await createClient(test.dataSource, clinic, { primaryTherapistId: therapist.id });
  });
  afterAll(() => test.close());

  async function completedOn(code: string, answers: Answers, completedAt: string): Promise<string> {
    const definition = findInstrument(code);
    if (!definition) throw new Error(`no ${code}`);
    const score = scoreAnswers(definition, answers);
    const [row] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                                answers, result, total, created_by, created_at, completed_at, completed_by,
                                index_event)
       VALUES ($1, $2, $3, $4, 'in_session', 'completed', $5, $6, $7, $8, $9, $9, $8, $10) RETURNING id`,
      [
        clinic.id,
        client.id,
        code,
        definition.version,
        JSON.stringify(answers),
        JSON.stringify(toResult(definition, score)),
        score.total,
        therapist.id,
        completedAt,
        definition.asksIndexEvent
          ? JSON.stringify({ description: 'The discovery', occurredOn: null })
          : null,
      ],
    );
    await sealClearRows(test);
    return row?.id ?? '';
  }

  async function reportPdf(copy: 'file' | 'release'): Promise<string> {
    const report = (
      await as(test, token)
        .post(`/api/clients/${client.id}/reports`)
        .send({ from: '2026-10-01', to: '2026-10-31' })
        .expect(201)
    ).body as ReportDetail;
    const response = await as(test, token)
      .get(`/api/reports/${report.id}/pdf`)
      .query({ copy })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { pages, text } = await pdfText(response.body as Buffer);
    // Plain counts ("1 risk flag"), and a signature that never stands alone on its page.
    expect(text).not.toContain('(s)');
    const lastPage = (pages[pages.length - 1] ?? '').replace(/\s+/g, ' ');
    expect(lastPage.replace(/Signature.*$/, '').trim()).not.toBe('');
    return text.replace(/\s+/g, ' ');
  }

  beforeAll(async () => {
    // 21:30 in Chicago on 14 October: 02:30 on the 15th in UTC.
    await completedOn(
      'PHQ-9',
      numbered('phq9', [2, 2, 2, 2, 2, 1, 1, 0, 0]),
      '2026-10-15T02:30:00Z',
    );
    // B 1, C 1, D 2, E 2 items at 2 or more: the DSM-5 rule is met.
    const pcl = Array<number>(20).fill(1);
    for (const item of [1, 6, 8, 9, 15, 16]) pcl[item - 1] = 3;
    await completedOn('PCL-5', numbered('pcl5', pcl), '2026-10-12T15:00:00Z');
    await completedOn(
      'TPI',
      {
        ...numbered('tpi', Array<number>(21).fill(3)),
        'tpi-context': 'after-discovery',
        'tpi-since': '1-6-months',
      },
      '2026-10-20T01:00:00Z',
    );
    // An open flag raised long before the period: it still heads the file copy.
    const [flagged] = await test.dataSource.query<{ id: string }[]>(
      `INSERT INTO assessments (clinic_id, client_id, instrument_code, instrument_version, mode, status,
                                answers, created_by, created_at)
       VALUES ($1, $2, 'PHQ-9', '1', 'portal', 'cancelled', '{"phq9-9": 2}', $3, '2026-06-02T02:00:00Z')
       RETURNING id`,
      [clinic.id, client.id, therapist.id],
    );
    await test.dataSource.query(
      `INSERT INTO risk_flags (clinic_id, client_id, assessment_id, rule_id, item_id, value, raised_at)
       VALUES ($1, $2, $3, 'phq9-item9', 'phq9-9', 2, '2026-06-02T02:00:00Z')`,
      [clinic.id, client.id, flagged?.id],
    );
    await sealClearRows(test);
  });

  it("prints an evening completion on the clinic's date, not the next UTC day", async () => {
    const text = await reportPdf('file');
    expect(text).toContain('Oct 14, 2026');
    expect(text).not.toContain('Oct 15, 2026');
    // The Trust Patterns legend (01:00 UTC on the 20th is the evening of the 19th in Chicago).
    expect(text).toContain('Latest');
    expect(text).toContain('At intake (Oct 19, 2026)');
  });

  it('prints the PCL-5 clusters B to E and the DSM-5 rule', async () => {
    const text = await reportPdf('file');
    expect(text).toContain('Clusters and the DSM-5 symptom rule');
    for (const cluster of ['Cluster B', 'Cluster C', 'Cluster D', 'Cluster E']) {
      expect(text).toContain(cluster);
    }
    expect(text).toMatch(/Oct 12, 2026 7 4 11 10 Met/);
  });

  it("prints the Trust Patterns' real anchors and the interpretation note, with the context", async () => {
    const text = await reportPdf('release');
    expect(text).toContain('0 (Never) to 4 (Almost always)');
    expect(text).not.toContain('very much');
    expect(text).toContain('not a flaw');
    expect(text).toContain("After I discovered a partner's betrayal; 1 to 6 months ago");
    expect(text).toContain('Checking for safety');
  });

  it('heads the file copy with an open risk flag raised before the period; never the release copy', async () => {
    const data = (
      await as(test, token)
        .get(`/api/clients/${client.id}/progress`)
        .query({ from: '2026-10-01', to: '2026-10-31' })
        .expect(200)
    ).body as ClientProgress;
    expect(data.risk.raised).toBe(0);
    expect(data.risk.open).toHaveLength(1);
    const file = await reportPdf('file');
    expect(file).toContain('Open risk flags');
    expect(file).toContain('Jun 1, 2026 (PHQ-9)');
    const release = await reportPdf('release');
    expect(release).not.toContain('Open risk flags');
    expect(release).not.toMatch(/self-harm|better off dead/);
  });
});
