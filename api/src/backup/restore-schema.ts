import { MIGRATIONS } from '@cairn/migrations';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';

/** The names TypeORM records in schema_migrations, in the order the migrations run. */
export function migrationNames(): string[] {
  return MIGRATIONS.map((Migration) => new Migration().name ?? Migration.name);
}

/** Whether a dump's schema is this Cairn's whole schema (nothing left for the app to apply). */
export function isCurrentSchema(applied: string[]): boolean {
  const known = migrationNames();
  return applied.length === known.length && known.every((name) => applied.includes(name));
}

/**
 * Builds the schema a dump was taken from: exactly the migrations its database had applied, and
 * no others, so the rows load into the tables they came from (the app's next start applies the
 * rest to them like to any older database). An empty database that has migrations the dump's did
 * not (the app was started once before the restore) is first taken back down; it holds no rows,
 * so nothing is lost.
 */
export async function bringSchemaTo(
  url: string,
  applied: string[],
  log: (line: string) => void,
): Promise<void> {
  const wanted = new Set(applied);
  const unknown = applied.filter((name) => !migrationNames().includes(name));
  if (unknown.length) throw new Error(`Unknown migrations: ${unknown.join(', ')}.`);

  const all = new DataSource(dataSourceOptions(url, 1));
  await all.initialize();
  try {
    const undone: string[] = [];
    for (;;) {
      const present = await migrationsIn(all);
      if (present.every((name) => wanted.has(name))) break;
      undone.push(present.at(-1) ?? '');
      await all.undoLastMigration({ transaction: 'each' });
    }
    if (undone.length) log(`Took the empty schema back (undid ${undone.join(', ')})`);
  } finally {
    await all.destroy();
  }

  const exactly = new DataSource({
    ...dataSourceOptions(url, 1),
    migrations: MIGRATIONS.filter((Migration) =>
      wanted.has(new Migration().name ?? Migration.name),
    ),
  });
  await exactly.initialize();
  try {
    const ran = await exactly.runMigrations({ transaction: 'each' });
    log(
      ran.length
        ? `Built the schema with ${ran.length} migrations, as the dump's database had them`
        : `The schema is already the dump's`,
    );
  } finally {
    await exactly.destroy();
  }
}

/** Applied migrations in the order they ran: TypeORM undoes the last one first. */
async function migrationsIn(dataSource: DataSource): Promise<string[]> {
  const [{ exists }] = await dataSource.query<{ exists: boolean }[]>(
    `SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists`,
  );
  if (!exists) return [];
  const rows = await dataSource.query<{ name: string }[]>(
    `SELECT name FROM public.schema_migrations ORDER BY id`,
  );
  return rows.map((row) => row.name);
}
