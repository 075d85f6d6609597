import { ACTIONS_BY_KIND, RESOURCE_KINDS, ROLES, type Role } from '@cairn/contracts';
import {
  allowedActions,
  CONDITIONS,
  PERMISSIONS,
  RELATIONS,
  ROLE_RELATIONS,
  type Relation,
} from './permissions';
import { relationsOf, UndecidedRoleError, type AccessFacts, type Actor } from './relations';

const everything = () => true;

describe('the permissions table', () => {
  it('names only actions of each kind, and every relation it names exists', () => {
    for (const kind of RESOURCE_KINDS) {
      const rows = PERMISSIONS[kind] as Partial<Record<string, readonly unknown[]>>;
      for (const [relation, grants] of Object.entries(rows)) {
        expect(RELATIONS).toContain(relation);
        for (const grant of grants ?? []) {
          const { action, when } =
            typeof grant === 'string'
              ? { action: grant, when: 'sent_to_portal' }
              : (grant as { action: string; when: string });
          expect(ACTIONS_BY_KIND[kind]).toContain(action);
          expect(CONDITIONS).toContain(when);
        }
      }
    }
  });

  it.each(['another_clinic', 'other_therapist', 'other_client', 'the_partner'] as const)(
    'gives %s nothing at all, on any kind of record',
    (relation) => {
      for (const kind of RESOURCE_KINDS)
        expect(allowedActions(kind, [relation], everything)).toEqual([]);
    },
  );

  it('never lets a clinic admin read clinical content', () => {
    const contentActions = ['read', 'read_result', 'read_progress', 'download', 'download_release'];
    // Whatever holds of a record, except that it has no clinical content at all (an admin's
    // own record export, which they may download).
    const clinicalRecord = (condition: string) => condition !== 'non_clinical';
    for (const kind of RESOURCE_KINDS.filter((k) => k !== 'audit_trail')) {
      const granted = allowedActions(kind, ['clinic_admin'], clinicalRecord) as string[];
      expect({ kind, content: granted.filter((a) => contentActions.includes(a)) }).toEqual({
        kind,
        content: [],
      });
    }
  });

  it('lets only a clinic admin see who has MFA, require it, or reset another person', () => {
    for (const relation of RELATIONS.filter((r) => r !== 'clinic_admin')) {
      expect(allowedActions('sign_in_security', [relation], everything)).toEqual([]);
      expect(allowedActions('staff_account', [relation], everything)).not.toContain('reset_mfa');
    }
    expect(allowedActions('sign_in_security', ['clinic_admin'], everything)).toEqual([
      'review',
      'set_policy',
    ]);
    expect(allowedActions('staff_account', ['clinic_admin'], everything)).toContain('reset_mfa');
  });

  it('keeps psychotherapy notes to their author, and lets nobody download one', () => {
    for (const relation of RELATIONS.filter((r) => r !== 'author')) {
      const granted = allowedActions('psychotherapy_note', [relation], everything);
      expect(granted.filter((action) => action !== 'create')).toEqual([]);
    }
    expect(allowedActions('psychotherapy_note', ['author'], everything)).not.toContain(
      'download' as never,
    );
  });

  it('lets a client see an administration only once sent to their portal, a result only if shared', () => {
    const none = () => false;
    expect(allowedActions('assessment', ['the_client'], none)).toEqual([]);
    const sent = (condition: string) => condition === 'sent_to_portal';
    expect(allowedActions('assessment', ['the_client'], sent)).toEqual([
      'view',
      'answer',
      'complete',
    ]);
    expect(allowedActions('assessment', ['the_client'], everything)).toContain('read_result');
  });

  it('lists what is allowed in the vocabulary’s order, once', () => {
    const both = allowedActions('progress_note', ['author', 'treating_therapist'], everything);
    expect(both).toEqual(['view', 'read', 'create', 'edit', 'sign', 'amend', 'download']);
  });
});

describe('relations', () => {
  const clinicId = 'clinic-a';
  const file: AccessFacts = {
    clinicId,
    client: {
      id: 'c1',
      primaryTherapistId: 't1',
      portalUserIds: ['p1'],
      partnerPortalUserId: 'p2',
    },
    authorId: 't1',
  };
  const actor = (id: string, role: Role, clinic = clinicId): Actor => ({
    id,
    role,
    clinicId: clinic,
  });

  it.each<[string, Actor, Relation[]]>([
    ['the clinic admin', actor('a1', 'admin'), ['clinic_admin']],
    [
      'the treating therapist who wrote it',
      actor('t1', 'therapist'),
      ['treating_therapist', 'author'],
    ],
    ['a colleague', actor('t2', 'therapist'), ['other_therapist']],
    ['the client', actor('p1', 'client'), ['the_client']],
    ['the partner', actor('p2', 'client'), ['the_partner']],
    ['another client', actor('p9', 'client'), ['other_client']],
    ['the same id in another clinic', actor('t1', 'therapist', 'clinic-b'), ['another_clinic']],
  ])('%s', (_who, who, relations) => {
    expect(relationsOf(who, file)).toEqual(relations);
  });

  it('decides every role: each role holds relations, and an undecided one reaches nothing', () => {
    for (const role of ROLES) expect(ROLE_RELATIONS[role].length).toBeGreaterThan(0);
    const stranger = { id: 'x', role: 'supervisor', clinicId } as unknown as Actor;
    expect(() => relationsOf(stranger, file)).toThrow(UndecidedRoleError);
  });

  it('does not compile a role the table has not decided', () => {
    type WithSupervisor = Role | 'supervisor';
    // @ts-expect-error a role missing from ROLE_RELATIONS is a type error, not a silent default
    const decided: Record<WithSupervisor, readonly Relation[]> = ROLE_RELATIONS;
    expect(Object.keys(decided).sort()).toEqual([...ROLES].sort());
  });
});
