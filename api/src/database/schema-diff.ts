import type { DataSource } from 'typeorm';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * What the entities declare that the database (built by the migrations) does not have, as the
 * SQL TypeORM would run to reconcile them. Empty when entities and migrations agree.
 */
export async function diffEntitiesAgainstDatabase(dataSource: DataSource): Promise<SchemaDiff> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  const render = (query: { query: string; parameters?: unknown[] }) =>
    query.parameters?.length
      ? `${query.query} -- ${JSON.stringify(query.parameters)}`
      : query.query;
  return { up: log.upQueries.map(render), down: log.downQueries.map(render).reverse() };
}
