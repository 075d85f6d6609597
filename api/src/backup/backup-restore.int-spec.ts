import type { ClientDetail, NoteDetail, NoteListItem } from '@cairn/contracts';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { as, signIn } from '../../test/factories';
import { createTestApp, startTestApp, type TestApp } from '../../test/test-app';
import {
  createEmptyTestDatabase,
  createTestDatabase,
  type TestDatabase,
} from '../../test/test-database';
import { PasswordHasher } from '../auth/password-hasher';
import { parseEncryptionKeys } from '../config/app-config';
import { FieldCipher } from '../crypto/field-cipher';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo-seed';
import { runBackup, type BackupResult } from './backup';
import { streamDump } from './dump-reader';
import { runRestore } from './restore';
import { RUNTIME_ROLE } from '../database/database-roles';
import { migrateDatabase } from '../database/migrate';
import { appliedMigrations } from './database-catalog';
import { bringSchemaTo, migrationNames } from './restore-schema';

const key = () => randomBytes(32).toString('base64');
const DATA_KEYS = `test-1:${key()}`;
const BACKUP_KEYS = parseEncryptionKeys(`backup-1:${key()}`, 'BACKUP_KEY');
const SENTENCE = 'He was twenty minutes late and my chest went tight before I reached the door.';
const quiet = () => undefined;

/** Every records table and its row count, read straight from the catalog. */
async function countRows(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    // A partitioned table counts once, through its parent (as the manifest counts it).
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> 'schema_migrations' ORDER BY c.relname`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${name}"`,
      );
      counts[name] = rows[0]?.n ?? -1;
    }
    return counts;
  });
}

/** A fingerprint of every row of every table, to compare two databases value for value. */
async function fingerprints(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const tables = Object.keys(await countRows(url));
    const result: Record<string, string> = {};
    for (const name of tables) {
      // The home's alert facts are derived: the restore's inserts of scores and homework mark
      // them for recompute (their `changes` and `refresh_on`), as any write does; what they say
      // must come through unchanged.
      const row =
        name === 'client_alert_facts'
          ? `(t.client_id, t.clinic_id, t.computed_on, t.deteriorating, t.homework_done, t.homework_expected)`
          : 't';
      const { rows } = await client.query<{ md5: string | null }>(
        `SELECT md5(string_agg(${row}::text, '|' ORDER BY ${row}::text)) AS md5 FROM "${name}" t`,
      );
      result[name] = rows[0]?.md5 ?? 'empty';
    }
    return result;
  });
}

function appliedIn(url: string): Promise<string[]> {
  return withClient(url, (client) => appliedMigrations(client));
}

async function publicTableCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    return rows[0]?.n ?? -1;
  });
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('Backup and restore', () => {
  let source: TestApp;
  /** The source's owner connection (what backup uses) and superuser one (for checking). */
  let sourceUrl: string;
  let sourceSuperuser: string;
  let folder: string;
  let backup: BackupResult;
  let jordanId: string;
  let signedNote: NoteDetail;
  const restore = (url: string, dumpPath = backup.dumpPath, overrides = {}) =>
    runRestore({
      url,
      runtimeRole: RUNTIME_ROLE,
      dumpPath,
      backupKeys: BACKUP_KEYS,
      encryption: source.config.encryption,
      log: quiet,
      ...overrides,
    });

  beforeAll(async () => {
    source = await createTestApp({ ENCRYPTION_KEYS: DATA_KEYS });
    sourceUrl = source.database.ownerUrl;
    sourceSuperuser = source.database.url;
    await seedDemoData(source.dataSource, new PasswordHasher(), source.app.get(FieldCipher));
    const therapist = await signIn(source, 'therapist@demo.clinic', DEMO_PASSWORD);
    const [jordan] = await source.dataSource.query<{ id: string }[]>(
      `SELECT id FROM clients WHERE legal_name = 'Jordan Rivera'`,
    );
    jordanId = jordan?.id ?? '';
    await as(source, therapist.token)
      .post(`/api/clients/${jordanId}/timeline`)
      .send({ kind: 'discovery', occurredOn: '2026-08-14', note: SENTENCE })
      .expect(201);
    const notes = (await as(source, therapist.token).get(`/api/clients/${jordanId}/notes`))
      .body as NoteListItem[];
    const signed = notes.find((note) => note.status === 'signed' && note.addendumCount > 0);
    signedNote = (
      await as(source, therapist.token)
        .get(`/api/notes/${signed?.id ?? ''}`)
        .expect(200)
    ).body as NoteDetail;
    // An audit event from a month long past, in a partition of its own the restore must make.
    await source.dataSource.query(`SELECT audit_events_partition_for('2021-03-10T12:00:00Z')`);
    await source.dataSource.query(
      `INSERT INTO audit_events (clinic_id, action, outcome, occurred_at)
       SELECT id, 'auth.signed_in', 'success', '2021-03-10T12:00:00Z' FROM clinics LIMIT 1`,
    );
    folder = mkdtempSync(path.join(tmpdir(), 'cairn-backup-'));
    backup = await runBackup({ url: sourceUrl, folder, backupKeys: BACKUP_KEYS, log: quiet });
  });
  afterAll(async () => {
    await source.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes <name>.dump with a manifest beside it: time, schema version, rows per table, key ids, never a key', async () => {
    expect(path.dirname(backup.dumpPath)).toBe(folder);
    expect(backup.dumpPath).toMatch(/cairn-[0-9T-]+Z\.dump$/);
    const onDisk = readFileSync(backup.manifestPath, 'utf8');
    expect(path.basename(backup.manifestPath)).toBe(
      path.basename(backup.dumpPath).replace(/\.dump$/, '.manifest.json'),
    );
    expect(JSON.parse(onDisk)).toEqual(backup.manifest);
    expect(backup.manifest.tables).toEqual(await countRows(sourceSuperuser));
    expect(backup.manifest.tables['clients']).toBe(9);
    expect(backup.manifest.tables['session_notes']).toBeGreaterThan(3);
    expect(backup.manifest.schemaVersion).toBe(migrationNames().at(-1));
    expect(backup.manifest.migrations).toEqual(migrationNames());
    expect(backup.manifest.encryptionKeyIds).toEqual(['test-1']);
    expect(backup.manifest.backupKeyId).toBe('backup-1');
    expect(Date.now() - Date.parse(backup.manifest.createdAt)).toBeLessThan(10 * 60_000);
    const secrets = [...source.config.encryption.keys.values(), ...BACKUP_KEYS.keys.values()];
    for (const secret of secrets) expect(onDisk).not.toContain(secret.toString('base64'));
  });

  it('is encrypted: no client name or clinical sentence in the file, compressed or not', async () => {
    const file = readFileSync(backup.dumpPath);
    for (const text of ['Jordan Rivera', 'Nguyễn Thị Lan', SENTENCE]) {
      expect(file.includes(Buffer.from(text, 'utf8'))).toBe(false);
    }
    expect(() => gunzipSync(file)).toThrow();
    // With the backup key the names are there: the check above is not vacuous.
    const opened: Buffer[] = [];
    await streamDump(backup.dumpPath, BACKUP_KEYS, async (frames) => {
      for await (const { kind, payload } of frames) if (kind === 'D') opened.push(payload);
    });
    expect(Buffer.concat(opened).toString('utf8')).toContain('Jordan Rivera');
  });

  describe('into an empty database', () => {
    let target: TestDatabase;
    let restored: TestApp | undefined;
    afterAll(async () => {
      if (restored) await restored.close();
      else await target.drop();
    });

    it('restores every row, opens sealed fields, and the app starts on it and signs in', async () => {
      target = await createEmptyTestDatabase();
      const result = await restore(target.ownerUrl);
      expect(result.schemaVersion).toBe(backup.manifest.schemaVersion);
      expect(result.tables).toEqual(backup.manifest.tables);
      expect(await countRows(target.url)).toEqual(backup.manifest.tables);
      expect(await fingerprints(target.url)).toEqual(await fingerprints(sourceSuperuser));
      const { rows: oldEvents } = await withClient(target.url, (client) =>
        client.query(`SELECT action FROM audit_events_2021_03`),
      );
      expect(oldEvents).toEqual([{ action: 'auth.signed_in' }]);
      expect(result.sealedOpened['session_notes.content']).toBeGreaterThan(0);
      expect(result.sealedOpened['note_addenda.content']).toBeGreaterThan(0);

      restored = await startTestApp(target, { ENCRYPTION_KEYS: DATA_KEYS });
      const therapist = await signIn(restored, 'therapist@demo.clinic', DEMO_PASSWORD);
      const note = (
        await as(restored, therapist.token).get(`/api/notes/${signedNote.id}`).expect(200)
      ).body as NoteDetail;
      expect(note.content).toEqual(signedNote.content);
      expect(note.integrity).toBe('intact');
      expect(note.addenda.map((addendum) => addendum.text)).toEqual(
        signedNote.addenda.map((addendum) => addendum.text),
      );
      const file = (await as(restored, therapist.token).get(`/api/clients/${jordanId}`).expect(200))
        .body as ClientDetail;
      expect(file.clinical?.timeline.map((event) => event.note)).toContain(SENTENCE);
      await signIn(restored, 'admin@demo.clinic', DEMO_PASSWORD);
    });
  });

  it('restores into an empty database the app has already migrated', async () => {
    const migrated = await createTestDatabase();
    try {
      const result = await restore(migrated.ownerUrl);
      expect(result.tables).toEqual(backup.manifest.tables);
    } finally {
      await migrated.drop();
    }
  });

  it.each([
    [
      'an older schema (the newest migration not yet applied)',
      (names: string[]) => names.slice(0, -1),
    ],
    [
      'a schema with a gap (a later migration applied before an earlier one)',
      (names: string[]) => names.filter((_, index) => index !== names.length - 2),
    ],
  ])(
    'restores a dump of %s exactly as it was, for the app to migrate forward',
    async (label, pick) => {
      const older = await createEmptyTestDatabase();
      const newer = await createTestDatabase();
      try {
        const applied = pick(migrationNames());
        await bringSchemaTo(older.ownerUrl, applied, quiet);
        await withClient(older.ownerUrl, (client) =>
          client.query(
            `INSERT INTO clinics (name, time_zone) VALUES ('Old Clinic', 'Europe/Dublin')`,
          ),
        );
        const oldBackup = await runBackup({
          url: older.ownerUrl,
          folder,
          backupKeys: BACKUP_KEYS,
          log: quiet,
          name: label.replace(/\W+/g, '-'),
        });
        expect(oldBackup.manifest.migrations).toEqual(applied);
        await restore(newer.ownerUrl, oldBackup.dumpPath);
        expect(await appliedIn(newer.url)).toEqual(applied);
        await migrateDatabase(newer.ownerUrl, RUNTIME_ROLE);
        expect([...(await appliedIn(newer.url))].sort()).toEqual([...migrationNames()].sort());
        expect(
          await withClient(newer.url, (client) => client.query(`SELECT name FROM clinics`)),
        ).toMatchObject({ rows: [{ name: 'Old Clinic' }] });
      } finally {
        await older.drop();
        await newer.drop();
      }
    },
  );

  it('refuses a database that is not empty, and leaves it as it was', async () => {
    const before = await countRows(sourceSuperuser);
    await expect(restore(sourceUrl)).rejects.toThrow(
      /^The database is not empty \([a-z_, ]+, and \d+ more tables hold rows\)\. Restore only goes into an empty database/,
    );
    expect(await countRows(sourceSuperuser)).toEqual(before);
  });

  describe('refuses, leaving the database empty:', () => {
    let target: TestDatabase;
    let copies: string;
    beforeAll(async () => {
      target = await createEmptyTestDatabase();
      copies = mkdtempSync(path.join(tmpdir(), 'cairn-tampered-'));
    });
    afterAll(async () => {
      await target.drop();
      rmSync(copies, { recursive: true, force: true });
    });

    /** A copy of the backup under another name, with the manifest beside it, changed by `edit`. */
    const copy = (name: string, edit: (dump: Buffer, manifest: string) => [Buffer, string]) => {
      const [dump, manifest] = edit(
        readFileSync(backup.dumpPath),
        readFileSync(backup.manifestPath, 'utf8'),
      );
      const dumpPath = path.join(copies, `${name}.dump`);
      writeFileSync(dumpPath, dump);
      writeFileSync(path.join(copies, `${name}.manifest.json`), manifest);
      return dumpPath;
    };

    it.each([
      [
        'one byte changed in the middle',
        (dump: Buffer, manifest: string): [Buffer, string] => {
          const changed = Buffer.from(dump);
          changed[Math.floor(changed.length / 2)] ^= 0x20;
          return [changed, manifest];
        },
        /The dump is damaged or was altered \(chunk \d+ does not authenticate\)/,
      ],
      [
        'cut short',
        (dump: Buffer, manifest: string): [Buffer, string] => [
          dump.subarray(0, dump.length - 100),
          manifest,
        ],
        /damaged or was altered|cut short/,
      ],
      [
        'a manifest whose row count was edited',
        (dump: Buffer, manifest: string): [Buffer, string] => [
          dump,
          manifest.replace('"clients": 9', '"clients": 10'),
        ],
        /The manifest beside the dump disagrees with the one sealed inside it/,
      ],
    ])('a dump with %s', async (name, edit, message) => {
      await expect(restore(target.ownerUrl, copy(name.replace(/\W+/g, '-'), edit))).rejects.toThrow(
        message,
      );
      expect(await publicTableCount(target.url)).toBe(0);
    });

    it('another backup key under the same id, or a key id it does not hold', async () => {
      const wrong = parseEncryptionKeys(`backup-1:${key()}`, 'BACKUP_KEY');
      await expect(
        restore(target.ownerUrl, backup.dumpPath, { backupKeys: wrong }),
      ).rejects.toThrow(
        'The dump does not open with backup key "backup-1": that is not the key it was sealed with (or the start of the file is damaged).',
      );
      const other = parseEncryptionKeys(`backup-2:${key()}`, 'BACKUP_KEY');
      await expect(
        restore(target.ownerUrl, backup.dumpPath, { backupKeys: other }),
      ).rejects.toThrow(
        'The dump was sealed with backup key "backup-1", which BACKUP_KEY does not hold (it holds "backup-2").',
      );
      expect(await publicTableCount(target.url)).toBe(0);
    });

    it('data keys that lack the one that sealed the notes', async () => {
      const encryption = parseEncryptionKeys(`test-2:${key()}`);
      await expect(restore(target.ownerUrl, backup.dumpPath, { encryption })).rejects.toThrow(
        /ENCRYPTION_KEYS lacks "test-1"/,
      );
      expect(await publicTableCount(target.url)).toBe(0);
    });

    it('a data key under the right id that does not open the notes (rows rolled back)', async () => {
      const encryption = parseEncryptionKeys(`test-1:${key()}`);
      await expect(restore(target.ownerUrl, backup.dumpPath, { encryption })).rejects.toThrow(
        /A sealed value in [a-z_]+\.[a-z_]+ \(row [0-9a-f-]+, key "test-1"\) does not open with the configured ENCRYPTION_KEYS/,
      );
      const counts = await countRows(target.url);
      expect(Object.values(counts).every((count) => count === 0)).toBe(true);
      expect(Object.keys(counts).length).toBeGreaterThan(10);
    });
  });

  it('a file that is no dump at all', async () => {
    const target = await createEmptyTestDatabase();
    const bogus = path.join(folder, 'bogus.dump');
    copyFileSync(backup.manifestPath, bogus);
    try {
      await expect(restore(target.ownerUrl, bogus)).rejects.toThrow(/not a Cairn dump/);
      expect(await publicTableCount(target.url)).toBe(0);
    } finally {
      await target.drop();
    }
  });
});
