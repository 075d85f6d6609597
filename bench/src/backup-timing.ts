/**
 * Times `npm run backup` and `npm run restore` on the benchmark's data, the way an operator runs
 * them: the built commands (dist/api/.../backup-cli.js, restore-cli.js) as child processes in
 * production mode, restoring each dump into a new empty database on the same server.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ROOT } from './built-api';

const BACKUP_CLI = path.join(ROOT, 'dist/api/api/src/backup/backup-cli.js');
const RESTORE_CLI = path.join(ROOT, 'dist/api/api/src/backup/restore-cli.js');

export interface BackupTiming {
  runs: number;
  backupMs: number[];
  restoreMs: number[];
  dumpBytes: number;
  rows: number;
  tables: number;
  sealedOpened: string;
}

interface Command {
  ms: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], env: Record<string, string>): Promise<Command> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${path.basename(script)} failed: ${stderr || error.message}`));
          return;
        }
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, stdout, stderr });
      },
    );
  });
}

async function onServer(url: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(/\/[^/?]+(\?.*)?$/, '/postgres$1') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function timeBackupAndRestore(
  databaseUrl: string,
  encryptionKeys: string,
  runs: number,
): Promise<BackupTiming> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-backup-'));
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: encryptionKeys,
    BACKUP_KEY: `bench-backup-1:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: 'warn',
  };
  const timing: BackupTiming = {
    runs,
    backupMs: [],
    restoreMs: [],
    dumpBytes: 0,
    rows: 0,
    tables: 0,
    sealedOpened: '',
  };
  try {
    for (let run_ = 0; run_ < runs; run_++) {
      const backup = await run(BACKUP_CLI, [folder], { ...env, DATABASE_URL: databaseUrl });
      timing.backupMs.push(backup.ms);
      const dumpPath = backup.stdout.trim();
      const manifest = JSON.parse(
        readFileSync(dumpPath.replace(/\.dump$/, '.manifest.json'), 'utf8'),
      ) as { tables: Record<string, number> };
      timing.dumpBytes = statSync(dumpPath).size;
      timing.tables = Object.keys(manifest.tables).length;
      timing.rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);

      const name = `cairn_bench_restore_${randomBytes(4).toString('hex')}`;
      await onServer(databaseUrl, `CREATE DATABASE ${name}`);
      const target = new URL(databaseUrl);
      target.pathname = `/${name}`;
      try {
        const restore = await run(RESTORE_CLI, [dumpPath], {
          ...env,
          DATABASE_URL: target.toString(),
        });
        timing.restoreMs.push(restore.ms);
        timing.sealedOpened =
          /Sealed fields opened with ENCRYPTION_KEYS: (.*)/.exec(restore.stderr)?.[1] ?? '';
      } finally {
        await onServer(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return timing;
}

export function describeBackupTiming(timing: BackupTiming): string {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const seconds = (values: number[]) =>
    `${(median(values) / 1000).toFixed(2)} s median (${values.map((ms) => (ms / 1000).toFixed(2)).join(', ')})`;
  return [
    `Backup and restore (${timing.rows} rows in ${timing.tables} tables, dump ${(timing.dumpBytes / 1024).toFixed(0)} KiB, ${timing.runs} runs, each command a new process):`,
    `  npm run backup:  ${seconds(timing.backupMs)}`,
    `  npm run restore: ${seconds(timing.restoreMs)} into a new empty database, migrations included`,
    `  sealed fields opened by restore: ${timing.sealedOpened || 'none'}`,
  ].join('\n');
}
