import { RUNTIME_ROLE, OWNER_ROLE, roleUrl } from '../src/database/database-roles';

/** Where the integration run's PostgreSQL lives; set by the global setup, read by every test file. */
export const TEST_SERVER_URL = 'CAIRN_TEST_SERVER_URL';
export const TEST_TEMPLATE = 'CAIRN_TEST_TEMPLATE';

/** The superuser's URL for one database of the test server (fixtures for the server itself). */
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

/** The owner role's URL: migrations, and test fixtures (it passes row-level security). */
export function testOwnerUrl(database: string): string {
  return roleUrl(testServerUrl(database), OWNER_ROLE);
}

/** The runtime role's URL: what the app under test connects as. */
export function testRuntimeUrl(database: string): string {
  return roleUrl(testServerUrl(database), RUNTIME_ROLE);
}
