import 'reflect-metadata';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { openDatabase } from './database-runtime';
import { migrateDatabase } from './migrate';
import { diffEntitiesAgainstDatabase } from './schema-diff';

/**
 * `npm run migrate`                    apply pending migrations
 * `npm run migration:generate -- Name` write migrations/<time>-Name.ts from the entity changes
 * Both use DATABASE_URL, or the embedded PostgreSQL under .data when it is unset.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const database = await openDatabase(config, () => undefined);
  try {
    const applied = await migrateDatabase(database.ownerUrl, database.runtimeRole);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    if (command === 'generate') await generate(database.ownerUrl, name);
    else if (command !== 'run')
      throw new Error(`Unknown command "${command ?? ''}": use run or generate <Name>`);
  } finally {
    await database.stop();
  }
}

async function generate(url: string, name: string | undefined): Promise<void> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error(
      'Give the migration a PascalCase name: npm run migration:generate -- AddClientFiles',
    );
  }
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  const diff = await diffEntitiesAgainstDatabase(dataSource).finally(() => dataSource.destroy());
  if (diff.up.length === 0) {
    console.log('The entities match the migrations: nothing to generate.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const root = path.resolve(process.cwd(), 'migrations');
  const fileName = `${timestamp}-${name}`;
  const literal = (sql: string) =>
    '`' + sql.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${') + '`';
  const statements = (lines: string[]) =>
    lines.map((sql) => `    await queryRunner.query(${literal(sql)});`).join('\n');
  writeFileSync(
    path.join(root, `${fileName}.ts`),
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${statements(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${statements(diff.down)}
  }
}
`,
  );
  const indexFile = path.join(root, 'index.ts');
  const index = readFileSync(indexFile, 'utf8')
    .replace(
      /(import type \{ MigrationInterface \} from 'typeorm';\n)/,
      `$1import { ${className} } from './${fileName}';\n`,
    )
    .replace(/\] = \[([^\]]*)\];/, (_, list: string) => {
      const names = [
        ...list
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
        className,
      ];
      return `] = [\n${names.map((name) => `  ${name},`).join('\n')}\n];`;
    });
  writeFileSync(indexFile, index);
  console.log(`Wrote migrations/${fileName}.ts; review it, then run npm run format.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
