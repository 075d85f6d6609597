import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClinic } from '../../test/factories';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp-server';
import { createTestApp, type TestApp } from '../../test/test-app';
import { Db } from '../database/db.service';
import { composeMail } from './mail-content';
import { MailService, type MailMessage } from './mail.service';

const content = composeMail({
  subject: 'Your sign-in link',
  greeting: 'Hello Ana Ruiz,',
  paragraphs: ['Use the link below to choose a password.'],
  action: { label: 'Choose a password', url: 'http://localhost/welcome#invite=abc' },
});

describe('mail through SMTP', () => {
  let smtp: TestSmtpServer;
  let test: TestApp;
  let mail: MailService;
  let clinicId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer({ auth: { user: 'cairn', password: 'p@ss word' } });
    test = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'no-reply@riverside.example',
      MAIL_RETRY_DELAYS_MS: '50,50',
    });
    mail = test.app.get(MailService);
    clinicId = (await createClinic(test.dataSource, { name: 'Riverside Practice' })).id;
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.close();
  });

  const message = (to: string, overrides: Partial<MailMessage> = {}): MailMessage => ({
    kind: 'staff_invitation',
    clinicId,
    to,
    ...content,
    ...overrides,
  });

  const delivery = async (id: string) => {
    const [row] = await test.dataSource.query<Record<string, unknown>[]>(
      'SELECT * FROM mail_deliveries WHERE id = $1',
      [id],
    );
    return row;
  };

  it('authenticates with the credentials in SMTP_URL and sends both parts from the clinic', async () => {
    const result = await mail.send(message('ana@example.org'));
    expect(result.outcome).toBe('sent');
    const received = await smtp.next('ana@example.org');
    expect(received.parsed.from?.value).toEqual([
      { name: 'Riverside Practice', address: 'no-reply@riverside.example' },
    ]);
    expect(received.subject).toBe('Your sign-in link');
    expect(received.text).toContain('http://localhost/welcome#invite=abc');
    expect(received.html).toContain('href="http://localhost/welcome#invite=abc"');
    // Staff mail is not a list: no unsubscribe header.
    expect(received.parsed.headers.has('list-unsubscribe')).toBe(false);

    const row = await delivery(result.deliveryId);
    expect(row).toMatchObject({
      clinic_id: clinicId,
      kind: 'staff_invitation',
      recipient: 'ana@example.org',
      outcome: 'sent',
      attempts: 1,
      message_id: received.parsed.messageId,
      failed_at: null,
    });
    expect(row?.['sent_at']).toBeInstanceOf(Date);
    // The log holds who and what kind, never the message.
    expect(JSON.stringify(row)).not.toContain('invite=abc');
    expect(JSON.stringify(row)).not.toContain('sign-in link');
  });

  it('gives client messages a List-Unsubscribe header', async () => {
    await mail.send(message('jordan@example.org', { kind: 'client_invitation' }));
    const received = await smtp.next('jordan@example.org');
    expect(received.raw).toMatch(
      /^List-Unsubscribe: <mailto:no-reply@riverside\.example\?subject=unsubscribe>\r?$/m,
    );
  });

  it('retries a temporary failure and records each attempt', async () => {
    smtp.failTemporarily(2);
    const result = await mail.send(message('retry@example.org'));
    expect(result.outcome).toBe('sent');
    await smtp.next('retry@example.org');
    expect(smtp.to('retry@example.org')).toHaveLength(1);
    expect(await delivery(result.deliveryId)).toMatchObject({ outcome: 'sent', attempts: 3 });
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    smtp.failTemporarily(3);
    const result = await mail.send(message('down@example.org'));
    expect(result.outcome).toBe('failed');
    const row = await delivery(result.deliveryId);
    expect(row).toMatchObject({ outcome: 'failed', attempts: 3, sent_at: null });
    expect(row?.['last_error']).toMatch(/^451/);
    smtp.failTemporarily(0);
  });

  it('marks an address refused for good as bounced, without retrying', async () => {
    smtp.rejectForGood.add('gone@example.org');
    const result = await mail.send(message('gone@example.org'));
    expect(result.outcome).toBe('bounced');
    const row = await delivery(result.deliveryId);
    expect(row).toMatchObject({ outcome: 'bounced', attempts: 1 });
    expect(row?.['last_error']).toMatch(/^550/);
    expect(smtp.to('gone@example.org')).toHaveLength(0);
  });

  it('sends after the transaction commits, and nothing when it rolls back', async () => {
    const db = test.app.get(Db);
    await expect(
      db.forClinic(clinicId, () => {
        mail.sendAfterCommit(message('rolled-back@example.org'));
        return Promise.reject(new Error('the write failed'));
      }),
    ).rejects.toThrow('the write failed');
    await db.forClinic(clinicId, async () => {
      mail.sendAfterCommit(message('committed@example.org'));
      // Not before the commit: nothing has gone out while the transaction is open.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(smtp.to('committed@example.org')).toHaveLength(0);
    });
    await smtp.next('committed@example.org');
    await mail.settled();
    expect(smtp.to('rolled-back@example.org')).toHaveLength(0);
    const [count] = await test.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_deliveries WHERE recipient = 'rolled-back@example.org'`,
    );
    expect(count?.n).toBe(0);
  });

  it('keeps each clinic to its own delivery log under row-level security', async () => {
    const other = await createClinic(test.dataSource, { name: 'Elsewhere' });
    const db = test.app.get(Db);
    const seen = await db.forClinic(other.id, (manager) =>
      manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM mail_deliveries'),
    );
    expect(seen[0]?.n).toBe(0);
  });
});

describe('mail in development without SMTP_URL', () => {
  it('writes each message as an .eml file under the mail folder', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cairn-mail-'));
    const test = await createTestApp({ MAIL_DIR: folder });
    try {
      const clinic = await createClinic(test.dataSource, { name: 'Hillside' });
      const result = await test.app.get(MailService).send({
        kind: 'password_reset',
        clinicId: clinic.id,
        to: 'sam@example.org',
        ...content,
      });
      expect(result.outcome).toBe('sent');
      const files = readdirSync(folder).filter((file) => file.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(path.join(folder, files[0] ?? ''), 'utf8');
      expect(eml).toMatch(/^From: Hillside <cairn@localhost>$/m);
      expect(eml).toMatch(/^To: sam@example.org$/m);
      expect(eml).toContain('Content-Type: text/plain');
      expect(eml).toContain('Content-Type: text/html');
    } finally {
      await test.close();
    }
  });
});
