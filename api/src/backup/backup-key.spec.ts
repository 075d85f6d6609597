import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { loadBackupKeys } from './backup-key';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://cairn@db/cairn',
  JWT_SECRET: 'a9F3kQ7xL2mZ8pR4tV6wY1bN5cH0jD3s',
  ENCRYPTION_KEYS: `k1:${key(1)}`,
};

describe('loadBackupKeys', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'cairn-backup-key-'));
  });

  it('in development, generates a key of its own once, kept private in the data folder', () => {
    const config = loadConfig({}, cwd);
    const first = loadBackupKeys(config, {});
    const second = loadBackupKeys(config, {});
    expect(first.activeKeyId).toBe('dev-backup-1');
    expect(second.keys.get('dev-backup-1')).toEqual(first.keys.get('dev-backup-1'));
    const file = path.join(cwd, '.data', 'backup-key');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain(
      config.encryption.keys.get('dev-1')?.toString('base64'),
    );
  });

  it('in production, requires BACKUP_KEY', () => {
    const config = loadConfig(production, cwd);
    expect(() => loadBackupKeys(config, production)).toThrow(
      /BACKUP_KEY is required in production/,
    );
  });

  it('reads a list, newest first, and names BACKUP_KEY in its errors', () => {
    const config = loadConfig(production, cwd);
    const keys = loadBackupKeys(config, { BACKUP_KEY: `b2:${key(3)}, b1:${key(2)}` });
    expect(keys.activeKeyId).toBe('b2');
    expect([...keys.keys.keys()]).toEqual(['b2', 'b1']);
    expect(() => loadBackupKeys(config, { BACKUP_KEY: 'nonsense' })).toThrow(
      new ConfigError(
        'BACKUP_KEY entries look like "keyId:base64key" (id: letters, digits, - or _).',
      ),
    );
  });

  it('refuses a backup key that is one of the data keys', () => {
    const config = loadConfig(production, cwd);
    expect(() => loadBackupKeys(config, { BACKUP_KEY: `b1:${key(1)}` })).toThrow(
      /BACKUP_KEY "b1" is the same key as ENCRYPTION_KEYS "k1"/,
    );
  });
});
