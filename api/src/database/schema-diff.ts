import type { DataSource, QueryRunner } from 'typeorm';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * What the entities declare that the database (built by the migrations) does not have, as the
 * SQL TypeORM would run to reconcile them. Empty when entities and migrations agree.
 */
export async function diffEntitiesAgainstDatabase(dataSource: DataSource): Promise<SchemaDiff> {
  // TypeORM's schema builder reads the tables with concurrent queries on its one connection
  // (pg warns, pg 9 refuses): hand it a query runner that sends them one at a time.
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => oneQueryAtATime(createQueryRunner(mode));
  let log: Awaited<ReturnType<ReturnType<DataSource['driver']['createSchemaBuilder']>['log']>>;
  try {
    log = await dataSource.driver.createSchemaBuilder().log();
  } finally {
    dataSource.createQueryRunner = createQueryRunner;
  }
  const render = (query: { query: string; parameters?: unknown[] }) =>
    query.parameters?.length
      ? `${query.query} -- ${JSON.stringify(query.parameters)}`
      : query.query;
  return { up: log.upQueries.map(render), down: log.downQueries.map(render).reverse() };
}

function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
