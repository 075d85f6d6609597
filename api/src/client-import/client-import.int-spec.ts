import type { ApiErrorBody, ClientImportPreview, ClientImportResult } from '@cairn/contracts';
import { as, createClient, createClinic, createUser, signIn } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';

const SP_HEADER = [
  'Client ID',
  'First Name',
  'Last Name',
  'Preferred Name',
  'Date of Birth',
  'Email',
  'Phone',
  'Clinician',
  'Status',
  'Referral Source',
];

const FIRST = ['Siobhán', 'José', 'Mary-Kate', 'Nguyễn', 'Zoë', 'Liam', 'Aisha', 'Björn', 'Chloé'];
const LAST = ["O'Brien", 'García Márquez', 'Smith, Jr.', 'Łukasiewicz', 'Müller', 'Okafor'];

/** A cell quoted as a CSV writer does (commas, quotes). */
const csvCell = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
const csv = (rows: string[][]) =>
  rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** A SimplePractice-style export: US dates, formatted phones, the clinician by name. */
function simplePracticeExport(count: number, clinicians: string[], tag: string): string[][] {
  const rows = [SP_HEADER];
  for (let n = 0; n < count; n++) {
    const month = 1 + (n % 12);
    const day = 1 + (n % 28);
    const year = 1950 + (n % 55);
    rows.push([
      String(100000 + n),
      FIRST[n % FIRST.length],
      `${LAST[n % LAST.length]} ${tag}${n}`,
      n % 3 === 0 ? FIRST[(n + 1) % FIRST.length] : '',
      `${month}/${day}/${year}`,
      n % 5 === 0 ? '' : `client.${tag}.${n}@example.com`,
      n % 2 === 0 ? `(312) 555-${String(n % 10000).padStart(4, '0')}` : `+1 312 555 ${n % 10}000`,
      clinicians[n % clinicians.length],
      n % 7 === 0 ? 'Inactive' : 'Active',
      n % 4 === 0 ? 'Psychology Today' : '',
    ]);
  }
  return rows;
}

describe('Importing clients from a CSV', () => {
  let test: TestApp;
  let clinic: Clinic;
  let therapists: User[];
  let adminToken: string;
  let therapistToken: string;

  beforeAll(async () => {
    test = await createTestApp();
    clinic = await createClinic(test.dataSource);
    const admin = await createUser(test.dataSource, clinic, 'admin');
    therapists = [
      await createUser(test.dataSource, clinic, 'therapist', { displayName: 'Dana Whitfield' }),
      await createUser(test.dataSource, clinic, 'therapist', { displayName: 'Marcus Oyelaran' }),
    ];
    adminToken = (await signIn(test, admin.email)).token;
    therapistToken = (await signIn(test, therapists[0].email)).token;
  }, 60_000);
  afterAll(() => test.close());

  const admin = () => as(test, adminToken);
  const countClients = async () =>
    Number(
      (
        await test.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM clients WHERE clinic_id = $1`,
          [clinic.id],
        )
      )[0].n,
    );
  const importAudits = async () =>
    test.dataSource.query<{ detail: Record<string, unknown> }[]>(
      `SELECT detail FROM audit_events WHERE action = 'client.imported' ORDER BY occurred_at`,
    );

  it('imports a SimplePractice export of 10,000 rows in seconds, in one audited step', async () => {
    const file = csv(
      simplePracticeExport(10_000, ['Dana Whitfield', therapists[1].email.toUpperCase()], 'big'),
    );
    const before = await countClients();

    const previewStart = Date.now();
    const preview = await admin()
      .post('/api/clients/import/preview')
      .send({ fileBase64: base64(file), preset: 'simplepractice' })
      .expect(200);
    const previewSeconds = (Date.now() - previewStart) / 1000;
    expect(preview.body).toMatchObject({
      rows: 10_000,
      validRows: 10_000,
      rowsWithProblems: 0,
      problems: [],
    } satisfies Partial<ClientImportPreview>);
    expect(await countClients()).toBe(before);

    const start = Date.now();
    const response = await admin()
      .post('/api/clients/import')
      .send({ fileBase64: base64(file), preset: 'simplepractice' })
      .expect(201);
    const seconds = (Date.now() - start) / 1000;
    // The figure the README quotes; printed so a run shows it.
    console.log(`client import: preview ${previewSeconds}s, import ${seconds}s for 10,000 rows`);
    expect((response.body as ClientImportResult).imported).toBe(10_000);
    // "Seconds, not minutes", with room for a machine shared by a full test run.
    expect(seconds).toBeLessThan(30);
    expect(await countClients()).toBe(before + 10_000);

    const [first] = await test.dataSource.query<Record<string, unknown>[]>(
      `SELECT legal_name, preferred_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob, email, phone,
              status, primary_therapist_id
         FROM clients WHERE legal_name = $1`,
      ["Siobhán O'Brien big0"],
    );
    expect(first).toEqual({
      legal_name: "Siobhán O'Brien big0",
      preferred_name: 'José',
      dob: '1950-01-01',
      email: null,
      phone: '(312) 555-0000',
      status: 'discharged',
      primary_therapist_id: therapists[0].id,
    });
    const [second] = await test.dataSource.query<
      { primary_therapist_id: string; status: string }[]
    >(`SELECT primary_therapist_id, status FROM clients WHERE legal_name = $1`, [
      'José García Márquez big1',
    ]);
    expect(second).toEqual({ primary_therapist_id: therapists[1].id, status: 'active' });
    const audits = await importAudits();
    expect(audits.at(-1)?.detail).toMatchObject({ imported: 10_000, rows: 10_000 });
  }, 120_000);

  it('names every problem of a broken file by row and column, and imports none of its rows', async () => {
    const existing = await createClient(test.dataSource, clinic, {
      legalName: 'Harriet Vane',
      dateOfBirth: '1980-05-06',
      email: 'harriet@example.org',
    });
    const rows = [
      SP_HEADER,
      [
        '1',
        'Good',
        'Row',
        '',
        '02/03/1990',
        'good.row@example.com',
        '',
        'Dana Whitfield',
        'Active',
        '',
      ],
      ['2', 'Bad', 'Date', '', '02/30/1990', '', '', '', 'Active', ''],
      ['3', 'Who', 'Therapist', '', '', '', '', 'Nobody Known', 'Active', ''],
      ['4', 'Harriet', 'Vane', '', '5/6/1980', '', '', '', 'Active', ''],
      ['5', 'Other', 'Person', '', '', 'HARRIET@example.org', '', '', 'Active', ''],
      ['6', 'Good', 'Row', '', '2/3/1990', '', '', '', 'Active', ''],
      ['7', "=cmd|' /C calc'!A0", 'Formula', '', '', '', '', '', 'Active', ''],
      ['8', 'Plus', 'Formula', '', '', '', '+HYPERLINK("http://x")', '', 'Active', ''],
      ['9', '', '', '', '', 'not-an-email', '', '', 'Maybe', ''],
      ['10', 'Same', 'Mail', '', '', 'good.row@example.com', '', '', 'Active', ''],
    ];
    const body = { fileBase64: base64(csv(rows)), preset: 'simplepractice' };
    const before = await countClients();
    const audits = (await importAudits()).length;

    const preview = await admin().post('/api/clients/import/preview').send(body).expect(200);
    const result = preview.body as ClientImportPreview;
    const problemsOf = (row: number) =>
      result.problems
        .filter((problem) => problem.row === row)
        .map((p) => `${p.column}: ${p.problem}`);
    expect(result).toMatchObject({ rows: 10, validRows: 1, rowsWithProblems: 9 });
    expect(problemsOf(2)).toEqual([]);
    expect(problemsOf(3)).toEqual([
      expect.stringMatching(/^Date of Birth: dateOfBirth must be a date/),
    ]);
    expect(problemsOf(4)).toEqual([
      'Clinician: "Nobody Known" is not an active therapist of this clinic',
    ]);
    expect(problemsOf(5)).toEqual([
      'First Name + Last Name: a client file with this name and date of birth already exists',
    ]);
    expect(problemsOf(6)).toEqual(['Email: a client file with this email already exists']);
    expect(problemsOf(7)).toEqual([
      'First Name + Last Name: same name and date of birth as row 2 of this file',
    ]);
    expect(problemsOf(8)).toEqual([
      expect.stringMatching(/^First Name: starts like a spreadsheet formula/),
    ]);
    expect(problemsOf(9)).toEqual([
      expect.stringMatching(/^Phone: starts like a spreadsheet formula/),
    ]);
    expect(problemsOf(10)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^First Name \+ Last Name: legalName must not be blank/),
        'Email: email must be an email address',
        expect.stringMatching(/^Status: status must be one of prospect, active/),
      ]),
    );
    expect(problemsOf(11)).toEqual(['Email: same email as row 2 of this file']);

    const refused = await admin().post('/api/clients/import').send(body).expect(400);
    const fields = ((refused.body as ApiErrorBody).fields ?? []).map((field) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['row 3, Date of Birth', 'row 4, Clinician']));
    expect(fields).not.toContain('row 2, Email');
    expect(await countClients()).toBe(before);
    expect((await importAudits()).length).toBe(audits);
    expect(existing.id).toBeDefined();
  });

  it('refuses files it cannot read whole with a clear 4xx, storing nothing', async () => {
    const before = await countClients();
    const latin1 = Buffer.from('First Name,Last Name\r\nJos\xe9,Garc\xeda\r\n', 'latin1');
    const bad = await admin()
      .post('/api/clients/import/preview')
      .send({ fileBase64: base64(latin1), preset: 'simplepractice' })
      .expect(400);
    expect((bad.body as ApiErrorBody).fields?.[0]).toEqual({
      field: 'fileBase64',
      problems: [expect.stringContaining('not UTF-8')],
    });

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('First Name,Last Name\r\nA,B\r\n', 'utf16le'),
    ]);
    await admin()
      .post('/api/clients/import')
      .send({ fileBase64: base64(utf16), preset: 'simplepractice' })
      .expect(400);

    const noName = await admin()
      .post('/api/clients/import')
      .send({ fileBase64: base64('Email,Phone\r\na@example.com,312 555 0100\r\n') })
      .expect(400);
    expect((noName.body as ApiErrorBody).fields?.[0]?.field).toBe('mapping');

    const missingMapped = await admin()
      .post('/api/clients/import/preview')
      .send({ fileBase64: base64('Name\r\nA B\r\n'), mapping: { legalName: 'Full Name' } })
      .expect(400);
    expect((missingMapped.body as ApiErrorBody).fields?.[0]?.problems[0]).toContain('"Full Name"');

    const unclosed = await admin()
      .post('/api/clients/import')
      .send({ fileBase64: base64('Legal name\r\n"never closed\r\n'), preset: 'cairn' })
      .expect(400);
    expect((unclosed.body as ApiErrorBody).fields?.[0]?.problems[0]).toMatch(/not a readable CSV/);

    // 10 MB of random bytes: not UTF-8 text.
    const junk = Buffer.alloc(9 * 1024 * 1024);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    await admin()
      .post('/api/clients/import')
      .send({ fileBase64: base64(junk), preset: 'cairn' })
      .expect(400);
    // Over the size limit: refused before it is read.
    await admin()
      .post('/api/clients/import')
      .send({ fileBase64: 'A'.repeat(15 * 1024 * 1024), preset: 'cairn' })
      .expect(413);
    expect(await countClients()).toBe(before);
  }, 60_000);

  it('is for admins only, and hands out a template the import reads', async () => {
    const body = { fileBase64: base64('Legal name\r\nA Person\r\n'), preset: 'cairn' };
    await as(test, therapistToken).post('/api/clients/import').send(body).expect(403);
    await as(test, null).post('/api/clients/import/preview').send(body).expect(401);

    const template = await admin().get('/api/clients/import/template').expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    const text = template.text.replace('therapist@yourclinic.example', therapists[0].email);
    const preview = await admin()
      .post('/api/clients/import/preview')
      .send({ fileBase64: base64(text), preset: 'cairn' })
      .expect(200);
    expect(preview.body).toMatchObject({ rows: 1, validRows: 1, problems: [] });
  });
});
