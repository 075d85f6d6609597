import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AccessTokenResponse } from '@cairn/contracts';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { startTestApp, type TestApp } from '../../test/test-app';
import { createEmptyTestDatabase, type TestDatabase } from '../../test/test-database';
import { loadConfig, type AppConfig } from '../config/app-config';
import { INDISCREET_WORDS } from '../mail/mail-content';
import { ClinicInputError, createClinic, type NewClinic } from './create-clinic';

const riverside: NewClinic = {
  name: 'Riverside Counselling',
  timeZone: 'America/Chicago',
  adminEmail: 'Owner@Example.org',
  adminName: 'Ana Ruiz',
};

describe('clinic:create on a fresh database', () => {
  let smtp: TestSmtpServer;
  let database: TestDatabase;
  let config: AppConfig;
  let test: TestApp | undefined;
  const log: string[] = [];
  const env = () => ({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'no-reply@riverside.example',
    PUBLIC_URL: 'https://cairn.example.org',
  });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    smtp = await startTestSmtpServer();
    database = await createEmptyTestDatabase();
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.runtimeUrl,
      MIGRATIONS_DATABASE_URL: database.ownerUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEYS: `test-1:${randomBytes(32).toString('base64')}`,
      ...env(),
    });
  });
  afterAll(async () => {
    if (test) await test.close();
    else await database?.drop();
    await smtp?.close();
  });

  it('creates the clinic, its library and an admin who gets the invitation by email and signs in', async () => {
    const created = await createClinic(config, riverside, (line) => log.push(line));
    expect(created.mailOutcome).toBe('sent');
    expect(log.join('\n')).toMatch(/Applied migrations: .*MailDeliveries/);

    const mail = await smtp.next('owner@example.org');
    expect(mail.parsed.from?.value).toEqual([
      { name: 'Riverside Counselling', address: 'no-reply@riverside.example' },
    ]);
    expect(mail.subject).toBe('Your new account');
    expect(mail.text).toContain('Hello Ana Ruiz,');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toMatch(INDISCREET_WORDS);
    }
    const link = /https:\/\/cairn\.example\.org\/welcome#invite=[A-Za-z0-9_-]+/.exec(
      mail.text,
    )?.[0];
    expect(link).toBe(created.invite.inviteUrl);

    test = await startTestApp(database, env());
    const token = new URL(link ?? '').hash.replace('#invite=', '');
    const password = 'riverside owner passphrase';
    const accepted = (
      await test.http.post('/api/auth/accept-invite').send({ token, password }).expect(200)
    ).body as AccessTokenResponse;
    expect(accepted.user).toMatchObject({ role: 'admin', email: 'owner@example.org' });
    await test.http.post('/api/auth/accept-invite').send({ token, password }).expect(400);
    const signedIn = (
      await test.http
        .post('/api/auth/login')
        .send({ email: 'owner@example.org', password })
        .expect(200)
    ).body as AccessTokenResponse;
    expect(signedIn.user.displayName).toBe('Ana Ruiz');

    const [clinic] = await test.dataSource.query<{ name: string; time_zone: string }[]>(
      'SELECT name, time_zone FROM clinics WHERE id = $1',
      [created.clinicId],
    );
    expect(clinic).toEqual({ name: 'Riverside Counselling', time_zone: 'America/Chicago' });
    // The starting homework library is there from the start, not copied on a first read.
    const [library] = await test.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM homework_templates WHERE clinic_id = $1',
      [created.clinicId],
    );
    expect(library?.n).toBeGreaterThan(5);
    const [audit] = await test.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE clinic_id = $1 AND action = 'clinic.created'`,
      [created.clinicId],
    );
    expect(audit).toBeDefined();
  });

  it('creates another clinic when run again; the two stay apart', async () => {
    const second = await createClinic(
      config,
      {
        name: 'Lakeside Practice',
        timeZone: 'Europe/London',
        adminEmail: 'lead@lakeside.example',
        adminName: 'Sam Lindqvist',
      },
      () => undefined,
    );
    await smtp.next('lead@lakeside.example');
    const rows = await test!.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM clinics',
    );
    expect(rows[0]?.n).toBe(2);
    const [user] = await test!.dataSource.query<{ clinic_id: string }[]>(
      `SELECT clinic_id FROM users WHERE email = 'lead@lakeside.example'`,
    );
    expect(user?.clinic_id).toBe(second.clinicId);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, /not a known IANA time zone/],
    [{ timeZone: 'CST' }, /not a known IANA time zone/],
    [{ adminEmail: 'not-an-email' }, /is not a valid email address/],
    [{ adminEmail: 'OWNER@example.org' }, /already in use/],
    [{ name: ' ' }, /--name must be/],
  ])('refuses %j with a clear message and creates nothing', async (change, message) => {
    const before = await test!.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM clinics',
    );
    const attempt = createClinic(config, { ...riverside, ...change }, () => undefined);
    await expect(attempt).rejects.toThrow(ClinicInputError);
    await expect(attempt).rejects.toThrow(message);
    const after = await test!.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM clinics',
    );
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});
