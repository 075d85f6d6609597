import { forwardReferences, loadOrder, type ForeignKey } from './database-catalog';

const fk = (table: string, references: string): ForeignKey => ({
  name: `${table}_${references}_fk`,
  table,
  references,
  definition: '',
});

describe('load order', () => {
  it('puts every table after the tables it references; self-references need nothing', () => {
    const keys = [
      fk('users', 'clinics'),
      fk('clients', 'clinics'),
      fk('clients', 'users'),
      fk('clients', 'clients'),
      fk('session_notes', 'clients'),
      fk('session_notes', 'appointments'),
      fk('appointments', 'clients'),
    ];
    const order = loadOrder(['session_notes', 'appointments', 'clients', 'users', 'clinics'], keys);
    expect(order).toEqual(['clinics', 'users', 'clients', 'appointments', 'session_notes']);
    expect(forwardReferences(order, keys)).toEqual([]);
  });

  it('breaks a cycle between two tables at one constraint, lifted while loading', () => {
    const keys = [fk('a', 'b'), fk('b', 'a'), fk('c', 'a')];
    const order = loadOrder(['c', 'b', 'a'], keys);
    expect(order).toHaveLength(3);
    expect(new Set(order)).toEqual(new Set(['a', 'b', 'c']));
    expect(order.indexOf('c')).toBeGreaterThan(order.indexOf('a'));
    expect(forwardReferences(order, keys)).toHaveLength(1);
  });
});
