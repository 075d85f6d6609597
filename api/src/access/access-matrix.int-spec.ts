import { ACTIONS_BY_KIND, RESOURCE_KINDS } from '@cairn/contracts';
import { MATRIX_GROUPS } from '../../test/access-matrix/groups';
import { Matrix } from '../../test/access-matrix/matrix';
import { ROUTES } from '../../test/access-matrix/routes';

/**
 * The access matrix, generated from the permissions table: every resource kind × every relation
 * (another clinic and an undecided role included) × every action, through HTTP on PostgreSQL.
 * Split over three files by kind (MATRIX_GROUPS) so jest runs them side by side; this one runs
 * the client file's kinds and proves that nothing of the vocabulary is left out.
 */
describe('Access matrix: the map of actions to routes', () => {
  it('maps every (kind, action) of the vocabulary to at least one request', () => {
    const unmapped = RESOURCE_KINDS.flatMap((kind) =>
      (ACTIONS_BY_KIND[kind] as readonly string[])
        .filter(
          (action) => !(ROUTES[kind] as Record<string, unknown[] | undefined>)[action]?.length,
        )
        .map((action) => `${kind}.${action}`),
    );
    expect(unmapped).toEqual([]);
  });

  it('runs every kind in exactly one of the matrix files', () => {
    const grouped: string[] = Object.values(MATRIX_GROUPS).flat();
    expect([...grouped].sort()).toEqual([...RESOURCE_KINDS].sort());
  });
});

describe('Access matrix: the client file and what it holds', () => {
  const matrix = new Matrix();
  beforeAll(() => matrix.start(), 60_000);
  afterAll(() => matrix.test.close());

  it('finds every mapped route among the routes Nest registered', () => {
    const missing = RESOURCE_KINDS.flatMap((kind) =>
      Object.values(ROUTES[kind] as Record<string, { method: string; route: string }[]>)
        .flat()
        .filter((route) => {
          try {
            matrix.rolesOf(route as Parameters<Matrix['rolesOf']>[0]);
            return false;
          } catch {
            return true;
          }
        })
        .map((route) => `${route.method} ${route.route}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(MATRIX_GROUPS.files)(
    '%s: every action × every relation answers as the table says, and leaks nothing',
    async (kind) => {
      expect(await matrix.run(kind)).toEqual([]);
    },
    60_000,
  );
});
