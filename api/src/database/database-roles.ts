import { createHmac } from 'node:crypto';
import { Client } from 'pg';

/** Owns the tables, runs migrations, grants and the demo seed; BYPASSRLS for dumps and backfills. */
export const OWNER_ROLE = 'cairn_owner';
/** What requests run as: neither superuser nor owner, so row-level security always applies. */
export const RUNTIME_ROLE = 'cairn_app';

export interface DatabaseRoles {
  /** Connection for the running app (and workers). */
  runtimeUrl: string;
  /** Connection for migrations, grants, the demo seed, backups: the owner of the tables. */
  ownerUrl: string;
  /** The role `runtimeUrl` signs in as; grants go to it. */
  runtimeRole: string;
  /** True when Cairn created or checked the roles itself from a superuser URL. */
  provisioned: boolean;
}

/** A database setup that must stop the app before it serves anyone. */
export class DatabaseRoleError extends Error {}

/**
 * Works out which roles Cairn runs and migrates as.
 * - `migrationsUrl` given (a DBA set the roles up): `databaseUrl` is the runtime role, checked to be
 *   neither superuser, BYPASSRLS nor owner of any table; `migrationsUrl` is the owner.
 * - `databaseUrl` names a superuser (the embedded default, or a server given that way): Cairn
 *   provisions both roles itself and runs as the runtime one.
 * - anything else is refused with what to do.
 */
export async function prepareDatabaseRoles(
  databaseUrl: string,
  migrationsUrl: string | null,
): Promise<DatabaseRoles> {
  if (migrationsUrl) {
    await assertLeastPrivilege(databaseUrl);
    return {
      runtimeUrl: databaseUrl,
      ownerUrl: migrationsUrl,
      runtimeRole: decodeURIComponent(new URL(databaseUrl).username),
      provisioned: false,
    };
  }
  const superuser = await isSuperuser(databaseUrl);
  if (!superuser) {
    throw new DatabaseRoleError(
      'DATABASE_URL names a role that is not a superuser, and MIGRATIONS_DATABASE_URL is not set. ' +
        'Either give a superuser URL (Cairn then creates its roles cairn_owner and cairn_app), or ' +
        'set DATABASE_URL to the runtime role and MIGRATIONS_DATABASE_URL to the owner role ' +
        '(see docs/database-roles.md).',
    );
  }
  await provisionRoles(databaseUrl);
  return {
    runtimeUrl: roleUrl(databaseUrl, RUNTIME_ROLE),
    ownerUrl: roleUrl(databaseUrl, OWNER_ROLE),
    runtimeRole: RUNTIME_ROLE,
    provisioned: true,
  };
}

/**
 * The password of a role Cairn provisioned: derived from the superuser's own password, so every
 * replica and every test database on one server agrees on it without storing it anywhere, and
 * a boot never needs to reset it (which would cut off the replicas already running).
 */
export function derivedRolePassword(superuserUrl: string, role: string): string {
  const secret = decodeURIComponent(new URL(superuserUrl).password);
  return createHmac('sha256', secret).update(`cairn database role ${role}`).digest('base64url');
}

/** The superuser URL with a provisioned role's name and password in place of the superuser's. */
export function roleUrl(superuserUrl: string, role: string): string {
  const url = new URL(superuserUrl);
  url.username = role;
  url.password = derivedRolePassword(superuserUrl, role);
  return url.toString();
}

async function isSuperuser(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ super: boolean }>(
      `SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user`,
    );
    return rows[0]?.super === true;
  });
}

/**
 * Creates the two roles when missing (never changing an existing one's password), lets the owner
 * create in this database, and hands every object of an installation made before the roles
 * existed over to the owner. Role names are cluster-wide: two databases provisioning at once may
 * race on CREATE ROLE, so a duplicate is taken as done; work on this database is serialised by an
 * advisory lock.
 */
async function provisionRoles(superuserUrl: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [PROVISION_LOCK]);
    try {
      await createRoleIfMissing(
        client,
        OWNER_ROLE,
        `LOGIN BYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE`,
        derivedRolePassword(superuserUrl, OWNER_ROLE),
      );
      await createRoleIfMissing(
        client,
        RUNTIME_ROLE,
        `LOGIN NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE`,
        derivedRolePassword(superuserUrl, RUNTIME_ROLE),
      );
      const database = client.escapeIdentifier(new URL(superuserUrl).pathname.slice(1));
      // CREATE on the database: the owner makes the job queue's schema (and trusted extensions).
      await client.query(
        `GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${database} TO ${OWNER_ROLE}`,
      );
      await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${RUNTIME_ROLE}`);
      await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${OWNER_ROLE}`);
      await handOverToOwner(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PROVISION_LOCK]);
    }
  });
}

const PROVISION_LOCK = 2_026_120_101;

async function createRoleIfMissing(
  client: Client,
  role: string,
  attributes: string,
  password: string,
): Promise<void> {
  await client.query(`DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${client.escapeLiteral(role)}) THEN
        CREATE ROLE ${role} ${attributes} PASSWORD ${client.escapeLiteral(password)};
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database on this server created it a moment ago
    END $$`);
}

/**
 * Tables, types, functions and sequences in `public` that the owner role does not own yet (an
 * installation from before the roles, where the superuser made everything) become the owner's.
 * Objects that belong to an extension stay with it.
 */
async function handOverToOwner(client: Client): Promise<void> {
  await client.query(`DO $$
    DECLARE item record;
    BEGIN
      FOR item IN
        SELECT 'TABLE' AS kind, format('%I.%I', n.nspname, c.relname) AS name
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
            AND pg_get_userbyid(c.relowner) <> '${OWNER_ROLE}'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'TYPE', format('%I.%I', n.nspname, t.typname)
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
            AND pg_get_userbyid(t.typowner) <> '${OWNER_ROLE}'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'FUNCTION', format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'
            AND pg_get_userbyid(p.proowner) <> '${OWNER_ROLE}'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      LOOP
        EXECUTE format('ALTER %s %s OWNER TO ${OWNER_ROLE}', item.kind, item.name);
      END LOOP;
    END $$`);
}

/** The runtime role must be subject to row-level security and unable to switch triggers off. */
async function assertLeastPrivilege(runtimeUrl: string): Promise<void> {
  const problem = await withClient(runtimeUrl, async (client) => {
    const { rows } = await client.query<{
      super: boolean;
      bypass: boolean;
      owned: string;
      member_of: string | null;
    }>(
      `SELECT r.rolsuper AS super, r.rolbypassrls AS bypass,
              (SELECT count(*) FROM pg_tables t WHERE t.schemaname = 'public'
                 AND t.tableowner = current_user) AS owned,
              -- A member of a privileged role can SET ROLE to it and leave RLS behind.
              (SELECT string_agg(p.rolname, ', ') FROM pg_roles p
                WHERE p.oid <> r.oid AND pg_has_role(current_user, p.oid, 'MEMBER')
                  AND (p.rolsuper OR p.rolbypassrls OR EXISTS (
                        SELECT 1 FROM pg_tables t
                         WHERE t.schemaname = 'public' AND t.tableowner = p.rolname))) AS member_of
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const role = rows[0];
    if (!role) return 'its role could not be read';
    if (role.super) return 'it is a superuser';
    if (role.bypass) return 'it has BYPASSRLS';
    if (Number(role.owned) > 0) return 'it owns tables';
    if (role.member_of) return `it is a member of ${role.member_of}`;
    return null;
  });
  if (problem) {
    throw new DatabaseRoleError(
      `DATABASE_URL must name the runtime role, but ${problem}: row-level security would not ` +
        'apply to it. Give the owner in MIGRATIONS_DATABASE_URL and a plain role in DATABASE_URL ' +
        '(see docs/database-roles.md).',
    );
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
