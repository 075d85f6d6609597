import { randomBytes, randomUUID } from 'node:crypto';
import { PasswordHasher } from '../auth/password-hasher';
import { parseEncryptionKeys, type EncryptionKeys } from '../config/app-config';
import { seedDemoData } from '../seed/demo-seed';
import { createTestApp, type TestApp } from '../../test/test-app';
import { FieldCipher } from './field-cipher';
import { dataSourceTransactions, resealAll } from './resealing';
import { findSealedColumns, sealContext } from './sealed-columns';

const key = () => randomBytes(32).toString('base64');

describe('Re-sealing under a new key', () => {
  const key1 = key();
  const key2 = key();
  let test: TestApp;

  beforeAll(async () => {
    test = await createTestApp({ ENCRYPTION_KEYS: `k1:${key1}` });
    const cipher = test.app.get(FieldCipher);
    await seedDemoData(test.dataSource, test.app.get(PasswordHasher), cipher);
    // A final report (the demo has none): immutable by trigger, like signed notes and addenda.
    const [client] = await test.dataSource.query<
      { id: string; clinic_id: string; author: string }[]
    >(
      `SELECT c.id, c.clinic_id, c.primary_therapist_id AS author FROM clients c
        WHERE c.primary_therapist_id IS NOT NULL LIMIT 1`,
    );
    const id = randomUUID();
    const data = cipher.seal('{}', sealContext('progress_reports', id, 'data'));
    const narrative = cipher.seal('Steady.', sealContext('progress_reports', id, 'narrative'));
    await test.dataSource.query(
      `INSERT INTO progress_reports (id, clinic_id, client_id, author_id, period_from, period_to, status,
                                     data_key_id, data_sealed, narrative_key_id, narrative_sealed, finalized_at)
       VALUES ($1, $2, $3, $4, '2026-01-01', '2026-03-31', 'final', $5, $6, $7, $8, now())`,
      [
        id,
        client?.clinic_id,
        client?.id,
        client?.author,
        data.keyId,
        data.data,
        narrative.keyId,
        narrative.data,
      ],
    );
  });
  afterAll(() => test.close());

  const transactions = () => dataSourceTransactions(test.dataSource);

  /** Values per key id over every sealed column. */
  async function valuesByKey(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const column of await findSealedColumns((sql, params) =>
      test.dataSource.query(sql, params),
    )) {
      const rows = await test.dataSource.query<{ key: string; n: number }[]>(
        `SELECT "${column.keyIdColumn}" AS key, count(*)::int AS n FROM "${column.table}"
          WHERE "${column.keyIdColumn}" IS NOT NULL GROUP BY 1`,
      );
      for (const row of rows) counts[row.key] = (counts[row.key] ?? 0) + row.n;
    }
    return counts;
  }

  /** Opens every sealed value with the given keys only; answers how many opened. */
  async function openEvery(keys: EncryptionKeys): Promise<number> {
    const cipher = new FieldCipher(keys);
    let opened = 0;
    for (const column of await findSealedColumns((sql, params) =>
      test.dataSource.query(sql, params),
    )) {
      const rows = await test.dataSource.query<{ id: string; keyId: string; data: Buffer }[]>(
        `SELECT "${column.idColumn}"::text AS id, "${column.keyIdColumn}" AS "keyId", "${column.sealedColumn}" AS data
           FROM "${column.table}" WHERE "${column.sealedColumn}" IS NOT NULL`,
      );
      for (const row of rows) {
        cipher.open(
          { keyId: row.keyId, data: row.data },
          sealContext(column.table, row.id, column.field),
        );
        opened++;
      }
    }
    return opened;
  }

  it('re-seals every value, immutable records included, in batches that can stop and resume; then key 1 is no longer needed', async () => {
    const before = await valuesByKey();
    expect(Object.keys(before)).toEqual(['k1']);
    const total = before['k1'] ?? 0;
    expect(total).toBeGreaterThan(50);
    const keys = parseEncryptionKeys(`k2:${key2},k1:${key1}`);

    // Stopped after four batches of five (as Ctrl-C does): what was done stays done.
    let batches = 0;
    const lines: string[] = [];
    const first = await resealAll(transactions(), keys, {
      batchSize: 5,
      shouldStop: () => batches++ >= 4,
      log: (line) => lines.push(line),
    });
    expect(first.stopped).toBe(true);
    expect(first.removableKeys).toEqual([]);
    const midway = await valuesByKey();
    const done = Object.values(first.columns).reduce((sum, c) => sum + c.resealed, 0);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(20);
    expect(midway).toEqual({ k2: done, k1: total - done });
    expect(lines).toContainEqual(expect.stringMatching(/^\w+\.\w+: \d+\/\d+ under key "k2"$/));

    const second = await resealAll(transactions(), keys, { batchSize: 7 });
    expect(second.stopped).toBe(false);
    expect(second.unreadable).toEqual([]);
    expect(Object.values(second.columns).reduce((sum, c) => sum + c.resealed, 0)).toBe(
      total - done,
    );
    expect(second.valuesByKey).toEqual({ k2: total });
    expect(second.removableKeys).toEqual(['k1']);
    for (const [name, progress] of Object.entries(second.columns))
      expect([name, progress.underActiveKey]).toEqual([name, progress.total]);

    // Signed notes, addenda, completed assessments, fixed entries and final reports moved too.
    const immutable = await test.dataSource.query<{ table: string; k2: number }[]>(
      `SELECT 'signed notes' AS table, count(*)::int AS k2 FROM session_notes WHERE status = 'signed' AND content_key_id = 'k2'
       UNION ALL SELECT 'addenda', count(*)::int FROM note_addenda WHERE content_key_id = 'k2'
       UNION ALL SELECT 'completed assessments', count(*)::int FROM assessments WHERE status = 'completed' AND answers_key_id = 'k2'
       UNION ALL SELECT 'fixed entries', count(*)::int FROM homework_entries WHERE created_at < now() - interval '24 hours' AND (note_key_id = 'k2' OR answers_key_id = 'k2')
       UNION ALL SELECT 'final reports', count(*)::int FROM progress_reports WHERE status = 'final' AND narrative_key_id = 'k2'`,
    );
    for (const row of immutable) expect([row.table, row.k2 > 0]).toEqual([row.table, true]);

    // Key 1 can go: everything opens with key 2 alone.
    expect(await openEvery(parseEncryptionKeys(`k2:${key2}`))).toBe(total);
    // A run with nothing to do changes nothing.
    const third = await resealAll(transactions(), keys);
    expect(Object.values(third.columns).every((c) => c.resealed === 0)).toBe(true);
  });

  it('names a value that does not open and goes on with the others; its old key stays needed', async () => {
    const key3 = key();
    const [damaged] = await test.dataSource.query<{ id: string }[]>(
      `SELECT id::text AS id FROM client_timeline_events WHERE note_sealed IS NOT NULL LIMIT 1`,
    );
    await test.dataSource.query(
      `UPDATE client_timeline_events
          SET note_sealed = set_byte(note_sealed, 20, (get_byte(note_sealed, 20) + 1) % 256)
        WHERE id = $1`,
      [damaged?.id],
    );
    const lines: string[] = [];
    const report = await resealAll(transactions(), parseEncryptionKeys(`k3:${key3},k2:${key2}`), {
      log: (line) => lines.push(line),
    });
    expect(report.unreadable).toEqual([
      { table: 'client_timeline_events', field: 'note', id: damaged?.id, keyId: 'k2' },
    ]);
    expect(lines.join('\n')).toContain(
      `ALERT: client_timeline_events.note of record ${damaged?.id}`,
    );
    expect(report.valuesByKey['k2']).toBe(1);
    expect(report.removableKeys).toEqual([]);
  });
});
