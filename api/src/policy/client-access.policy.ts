import type { Role } from '@cairn/contracts';

/** What the policy needs to know about a client file. */
export interface ClientFacts {
  clinicId: string;
  primaryTherapistId: string | null;
  portalUserId: string | null;
}

export interface Actor {
  id: string;
  role: Role;
  clinicId: string;
}

export const CLIENT_ACTIONS = [
  'view',
  'viewClinical',
  'editDemographics',
  'editClinical',
  'assignTherapist',
  'invitePortal',
  'linkPartner',
  'viewOwnProfile',
  'answerOwnQuestionnaires',
  'viewHomework',
  'assignHomework',
  'doOwnHomework',
  'bookAppointments',
] as const;
export type ClientAction = (typeof CLIENT_ACTIONS)[number];

/** How the caller stands to the file: the policy is decided by this, not by the role alone. */
export type ClientRelation =
  | 'other-clinic'
  | 'clinic-admin'
  | 'treating-therapist'
  | 'other-therapist'
  | 'the-client'
  | 'another-client';

export function relationTo(actor: Actor, client: ClientFacts): ClientRelation {
  if (actor.clinicId !== client.clinicId) return 'other-clinic';
  switch (actor.role) {
    case 'admin':
      return 'clinic-admin';
    case 'therapist':
      return client.primaryTherapistId === actor.id ? 'treating-therapist' : 'other-therapist';
    case 'client':
      return client.portalUserId === actor.id ? 'the-client' : 'another-client';
  }
}

/**
 * The whole client-file policy as one table. Admins run the file (demographics, assignment,
 * portal) but never see clinical content; only the treating therapist does; a client sees their
 * own profile; everyone else sees nothing, not even that the file exists.
 */
export const CLIENT_PERMISSIONS: Record<ClientRelation, readonly ClientAction[]> = {
  'clinic-admin': [
    'view',
    'editDemographics',
    'assignTherapist',
    'invitePortal',
    'linkPartner',
    'bookAppointments',
  ],
  'treating-therapist': [
    'view',
    'viewClinical',
    'editDemographics',
    'editClinical',
    'linkPartner',
    'viewHomework',
    'assignHomework',
    'bookAppointments',
  ],
  'the-client': ['viewOwnProfile', 'answerOwnQuestionnaires', 'doOwnHomework'],
  'other-therapist': [],
  'another-client': [],
  'other-clinic': [],
};

export function mayOnClient(actor: Actor, action: ClientAction, client: ClientFacts): boolean {
  return CLIENT_PERMISSIONS[relationTo(actor, client)].includes(action);
}

/** Whether the caller may know the file exists at all; if not, every answer is 404. */
export function canSeeClient(actor: Actor, client: ClientFacts): boolean {
  return CLIENT_PERMISSIONS[relationTo(actor, client)].length > 0;
}
