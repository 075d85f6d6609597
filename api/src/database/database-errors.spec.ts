import { databaseOutage } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseOutage', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'it refuses connections'],
    [new AggregateError([withCode('ECONNREFUSED')], 'connect'), 'it refuses connections'],
    [withCode('ECONNRESET'), 'the connection was lost'],
    [withCode('08006'), 'the connection was lost'],
    [withCode('57P01'), 'it is shutting down or starting up'],
    [withCode('57P03'), 'it is shutting down or starting up'],
    [withCode('53300'), 'it has no free connections'],
    [new Error('Connection terminated unexpectedly'), 'the connection was lost'],
    [new Error('timeout exceeded when trying to connect'), 'it did not answer in time'],
    // TypeORM's QueryFailedError keeps pg's error as driverError.
    [
      Object.assign(new Error('query failed'), { driverError: withCode('57P01') }),
      'it is shutting down or starting up',
    ],
    [new Error('outer', { cause: withCode('ECONNREFUSED') }), 'it refuses connections'],
    // TypeORM, when a savepoint is opened on a transaction whose connection broke mid-request.
    [
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
      'the connection was lost',
    ],
  ])('reads %s as an outage (%s)', (error, reason) => {
    expect(databaseOutage(error)).toBe(reason);
  });

  it.each([
    withCode('23505', 'duplicate key'),
    withCode('22021', 'invalid byte sequence'),
    new Error('Something else'),
    'a string',
    null,
  ])('does not take %s for an outage', (error) => {
    expect(databaseOutage(error)).toBeNull();
  });
});
