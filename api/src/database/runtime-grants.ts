import type { ClientBase } from 'pg';

/**
 * Grants the runtime role exactly what it may do, run as the owner after migrations and after a
 * restore (which carries no owners and no grants of its own).
 *
 * Placeholder: until the app runs as a role apart from the owner of the tables there is nothing
 * to grant, so this does nothing. The access layer replaces it with the real grants; restore
 * already calls it at the right moment, inside its transaction.
 */
export async function applyRuntimeGrants(_client: ClientBase): Promise<void> {
  await Promise.resolve();
}
