import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  parseEncryptionKeys,
  type AppConfig,
  type EncryptionKeys,
} from '../config/app-config';

type Env = Record<string, string | undefined>;

/**
 * The key that seals backups: `BACKUP_KEY="b2:<base64>,b1:<base64>"`, newest first like
 * ENCRYPTION_KEYS (the first seals new backups, the others open older ones). It is a key of its
 * own, kept apart from the data keys: a dump holds names, birth dates and appointment times in
 * clear inside it, and whoever holds the database's keys beside a stolen backup must still not
 * be able to open it. Development generates one in the data folder; production requires it.
 * Only the backup and restore commands read it; the app never needs it.
 */
export function loadBackupKeys(config: AppConfig, env: Env = process.env): EncryptionKeys {
  const raw = env['BACKUP_KEY']?.trim();
  if (!raw && config.env === 'production') {
    throw new ConfigError(
      'BACKUP_KEY is required in production: "keyId:base64-of-32-random-bytes", a key of its ' +
        'own (not one of ENCRYPTION_KEYS), kept apart from the backups it seals.',
    );
  }
  const keys = parseEncryptionKeys(raw || developmentBackupKey(config.dataDir), 'BACKUP_KEY');
  for (const [id, key] of keys.keys) {
    for (const [dataId, dataKey] of config.encryption.keys) {
      if (key.equals(dataKey)) {
        throw new ConfigError(
          `BACKUP_KEY "${id}" is the same key as ENCRYPTION_KEYS "${dataId}": give backups a key ` +
            'of their own, so that the data keys alone never open a backup.',
        );
      }
    }
  }
  return keys;
}

/** Generated once beside the other development secrets; never used in production. */
function developmentBackupKey(dataDir: string): string {
  const file = path.join(dataDir, 'backup-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = `dev-backup-1:${randomBytes(32).toString('base64')}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}
