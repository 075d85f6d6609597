import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/test-database';
import { OWNER_ROLE, prepareDatabaseRoles } from './database-roles';

/**
 * The DBA path: DATABASE_URL names a role someone else made for the app, MIGRATIONS_DATABASE_URL
 * the owner. Cairn refuses a runtime role that row-level security would not bind.
 */
describe('A runtime role given by a DBA', () => {
  let database: TestDatabase;
  const role = `cairn_dba_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  const asSuperuser = async (sql: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const roleUrl = () => {
    const url = new URL(database.url);
    url.username = role;
    url.password = password;
    return url.href;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await asSuperuser(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await asSuperuser(`GRANT CONNECT ON DATABASE ${database.name} TO ${role}`);
  });
  afterAll(async () => {
    await database?.drop();
    await asSuperuserOnPostgres(database, `DROP ROLE IF EXISTS ${role}`);
  });

  it('is accepted when it is an ordinary role', async () => {
    const roles = await prepareDatabaseRoles(roleUrl(), database.ownerUrl);
    expect(roles).toMatchObject({ runtimeRole: role, provisioned: false });
  });

  it('is refused when it is a member of the owner, since it could SET ROLE past row-level security', async () => {
    await asSuperuser(`GRANT ${OWNER_ROLE} TO ${role}`);
    try {
      await expect(prepareDatabaseRoles(roleUrl(), database.ownerUrl)).rejects.toThrow(
        `it is a member of ${OWNER_ROLE}`,
      );
    } finally {
      await asSuperuser(`REVOKE ${OWNER_ROLE} FROM ${role}`);
    }
  });

  it('is refused when it has BYPASSRLS', async () => {
    await asSuperuser(`ALTER ROLE ${role} BYPASSRLS`);
    try {
      await expect(prepareDatabaseRoles(roleUrl(), database.ownerUrl)).rejects.toThrow(
        'it has BYPASSRLS',
      );
    } finally {
      await asSuperuser(`ALTER ROLE ${role} NOBYPASSRLS`);
    }
  });
});

/** Roles are the server's, not the database's: dropped from another database once it is gone. */
async function asSuperuserOnPostgres(database: TestDatabase, sql: string): Promise<void> {
  const url = new URL(database.url);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
