import { Matrix } from '../../test/access-matrix/matrix';
import { MATRIX_GROUPS } from '../../test/access-matrix/groups';

/**
 * The access matrix for notes, reports and homework: every action × every relation (another clinic and an undecided
 * role included), through HTTP on PostgreSQL, judged against the permissions table. See
 * access-matrix.int-spec.ts for the map of actions to routes.
 */
describe('Access matrix: notes, reports and homework', () => {
  const matrix = new Matrix();
  beforeAll(() => matrix.start(), 60_000);
  afterAll(() => matrix.test.close());

  it.each(MATRIX_GROUPS.records)(
    '%s: every action × every relation answers as the table says, and leaks nothing',
    async (kind) => {
      expect(await matrix.run(kind)).toEqual([]);
    },
    60_000,
  );
});
