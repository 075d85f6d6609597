/** Where the integration run's PostgreSQL lives; set by the global setup, read by every test file. */
export const TEST_SERVER_URL = 'CAIRN_TEST_SERVER_URL';
export const TEST_TEMPLATE = 'CAIRN_TEST_TEMPLATE';

export function testServerUrl(database = 'postgres'): string {
  const server = process.env[TEST_SERVER_URL];
  if (!server)
    throw new Error(
      'Integration tests run through jest.int.config.js (its global setup starts PostgreSQL).',
    );
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}
