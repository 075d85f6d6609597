import { MIGRATIONS } from '@cairn/migrations';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';

/** The names TypeORM records in schema_migrations, in the order the migrations run. */
export function migrationNames(): string[] {
  return MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);
}

/**
 * Builds the schema a dump was taken from: the migrations up to and including `version`, and no
 * further, so the rows load into exactly the tables they came from (the app's next start applies
 * any newer migrations to them like to any older database). An empty database already migrated
 * past that version (the app was started once before the restore) is first taken back down;
 * it holds no rows, so nothing is lost.
 */
export async function bringSchemaTo(
  url: string,
  version: string,
  log: (line: string) => void,
): Promise<void> {
  const names = migrationNames();
  const target = names.indexOf(version);
  if (target < 0) throw new Error(`Unknown schema version ${version}.`);

  const all = new DataSource(dataSourceOptions(url, 1));
  await all.initialize();
  try {
    const applied = await appliedMigrations(all);
    const ahead = applied.filter((name) => names.indexOf(name) > target || !names.includes(name));
    for (let step = 0; step < ahead.length; step++) {
      await all.undoLastMigration({ transaction: 'each' });
    }
    if (ahead.length) log(`Took the empty schema back to ${version} (undid ${ahead.join(', ')})`);
  } finally {
    await all.destroy();
  }

  const upTo = new DataSource({
    ...dataSourceOptions(url, 1),
    migrations: MIGRATIONS.slice(0, target + 1),
  });
  await upTo.initialize();
  try {
    const ran = await upTo.runMigrations({ transaction: 'each' });
    log(
      ran.length
        ? `Built the schema with ${ran.length} migrations, up to ${version}`
        : `The schema is already at ${version}`,
    );
  } finally {
    await upTo.destroy();
  }
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) return [];
  const rows = await dataSource.query<{ name: string }[]>(
    `SELECT name FROM public.schema_migrations ORDER BY "timestamp", id`,
  );
  return rows.map((row) => row.name);
}
