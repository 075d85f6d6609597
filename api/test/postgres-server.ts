import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';

export interface PostgresServer {
  url: string;
  /** Stops PostgreSQL (a fast shutdown: open connections are cut) and waits until it is gone. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL of a test's own, in a child process (postgres-server-cli.mjs), with durable
 * settings, that the test can stop and start again on the same folder and port.
 */
export async function startPostgresServer(
  directory: string,
  port: number,
  password: string,
): Promise<PostgresServer> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'postgres-server-cli.mjs'), directory, String(port), password],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL did not start (exit ${code})`)));
  });
  const base = `postgres://cairn:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'cairn'`);
    if (found.rowCount === 0) await admin.query('CREATE DATABASE cairn');
  } finally {
    await admin.end();
  }
  return {
    url: `${base}/cairn`,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
