import {
  CLIENT_ACTIONS,
  canSeeClient,
  mayOnClient,
  type Actor,
  type ClientAction,
  type ClientFacts,
} from './client-access.policy';

const clinic = 'clinic-a';
const admin: Actor = { id: 'admin-1', role: 'admin', clinicId: clinic };
const treating: Actor = { id: 'therapist-1', role: 'therapist', clinicId: clinic };
const colleague: Actor = { id: 'therapist-2', role: 'therapist', clinicId: clinic };
const theClient: Actor = { id: 'portal-1', role: 'client', clinicId: clinic };
const anotherClient: Actor = { id: 'portal-2', role: 'client', clinicId: clinic };
const foreignAdmin: Actor = { id: 'admin-9', role: 'admin', clinicId: 'clinic-b' };
const foreignTherapist: Actor = { id: 'therapist-1', role: 'therapist', clinicId: 'clinic-b' };

const file: ClientFacts = {
  clinicId: clinic,
  primaryTherapistId: 'therapist-1',
  portalUserId: 'portal-1',
};

/** Expected permissions, written out in full so a change to the policy shows up here. */
const EXPECTED: [string, Actor, ClientAction[]][] = [
  [
    'clinic admin',
    admin,
    [
      'view',
      'editDemographics',
      'assignTherapist',
      'invitePortal',
      'linkPartner',
      'bookAppointments',
    ],
  ],
  [
    'treating therapist',
    treating,
    [
      'view',
      'viewClinical',
      'editDemographics',
      'editClinical',
      'linkPartner',
      'viewHomework',
      'assignHomework',
      'bookAppointments',
    ],
  ],
  ['another therapist of the clinic', colleague, []],
  ['the client', theClient, ['viewOwnProfile', 'answerOwnQuestionnaires', 'doOwnHomework']],
  ['another client', anotherClient, []],
  ['an admin of another clinic', foreignAdmin, []],
  ['a therapist of another clinic, even with the same id', foreignTherapist, []],
];

describe('client access policy', () => {
  it.each(EXPECTED)('%s may do exactly the expected actions', (_who, actor, allowed) => {
    const granted = CLIENT_ACTIONS.filter((action) => mayOnClient(actor, action, file));
    expect(granted).toEqual(allowed);
  });

  it.each(EXPECTED)(
    '%s may know the file exists only when granted something',
    (_who, actor, allowed) => {
      expect(canSeeClient(actor, file)).toBe(allowed.length > 0);
    },
  );

  it('never gives an admin clinical content, whatever the file', () => {
    const unassigned: ClientFacts = {
      clinicId: clinic,
      primaryTherapistId: null,
      portalUserId: null,
    };
    expect(mayOnClient(admin, 'viewClinical', unassigned)).toBe(false);
    expect(mayOnClient(admin, 'editClinical', unassigned)).toBe(false);
  });

  it('never gives an admin homework content, and a client only their own', () => {
    for (const action of ['viewHomework', 'assignHomework', 'doOwnHomework'] as const) {
      expect(mayOnClient(admin, action, file)).toBe(false);
    }
    expect(mayOnClient(anotherClient, 'doOwnHomework', file)).toBe(false);
    expect(mayOnClient(theClient, 'viewHomework', file)).toBe(false);
  });

  it('takes clinical access away from a therapist the moment the file is reassigned', () => {
    const reassigned: ClientFacts = { ...file, primaryTherapistId: 'therapist-2' };
    expect(mayOnClient(treating, 'viewClinical', reassigned)).toBe(false);
    expect(mayOnClient(colleague, 'viewClinical', reassigned)).toBe(true);
  });
});
