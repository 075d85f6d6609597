import { spawnSync } from 'node:child_process';
import type { DataSource } from 'typeorm';

/**
 * Everything the database holds, as text: `pg_dump` where the client on this machine can dump
 * the server (same or newer major version), otherwise every table's rows as text read in one
 * REPEATABLE READ snapshot (as the backup reads tables). Bytea values appear as hex, JSON as
 * JSON: a clear sentence anywhere would be found.
 */
export async function databaseText(ownerUrl: string, owner: DataSource): Promise<string> {
  const dump = spawnSync('pg_dump', ['--no-owner', '--no-privileges', '--data-only', ownerUrl], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (dump.status === 0 && dump.stdout.includes('COPY public.')) return dump.stdout;
  const runner = owner.createQueryRunner();
  try {
    await runner.startTransaction('REPEATABLE READ');
    const tables = (await runner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { tablename: string }[];
    const parts: string[] = [];
    for (const { tablename } of tables) {
      const rows = (await runner.query(
        `SELECT t::text AS row FROM public."${tablename.replace(/"/g, '""')}" t`,
      )) as { row: string }[];
      parts.push(`-- ${tablename}`, ...rows.map((row) => row.row));
    }
    await runner.commitTransaction();
    return parts.join('\n');
  } finally {
    await runner.release();
  }
}
