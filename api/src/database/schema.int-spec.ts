import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { dataSourceOptions } from './data-source-options';
import { diffEntitiesAgainstDatabase } from './schema-diff';

describe('Database schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.ownerUrl, 2)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('built by the migrations, matches the entities exactly (run npm run migration:generate if not)', async () => {
    const diff = await diffEntitiesAgainstDatabase(dataSource);
    expect(diff.up).toEqual([]);
  });

  it('can be taken down by every migration and built up again', async () => {
    const count = dataSource.migrations.length;
    for (let step = 0; step < count; step++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ tables }] = await dataSource.query<{ tables: string }[]>(
      `SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    expect(Number(tables)).toBe(0);
    const reapplied = await dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(count);
    expect((await diffEntitiesAgainstDatabase(dataSource)).up).toEqual([]);
  });
});
