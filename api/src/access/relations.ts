import type { Role } from '@cairn/contracts';
import type { Condition, Relation } from './permissions';

/** Who signed in, as the access layer needs to know them. */
export interface Actor {
  id: string;
  role: Role;
  clinicId: string;
}

/** The client file a record belongs to, as far as access is concerned. */
export interface ClientTies {
  id: string;
  primaryTherapistId: string | null;
  /** Portal accounts of the people the record is about (a couples session is about two). */
  portalUserIds: readonly string[];
  /** The portal account of the linked partner's file. */
  partnerPortalUserId: string | null;
}

/** What decides access to one record: whose clinic, whose file, who wrote it, whose schedule. */
export interface AccessFacts {
  clinicId: string;
  client?: ClientTies | null;
  /** The clinician who wrote it (note, addendum, report). */
  authorId?: string | null;
  /** The therapist whose schedule it is (appointment, availability, calendar feed). */
  therapistId?: string | null;
  /** The person a staff account is. */
  staffUserId?: string | null;
  conditions?: Partial<Record<Condition, boolean>>;
}

/** Raised for a role no relation was decided for: it reaches nothing. */
export class UndecidedRoleError extends Error {}

/**
 * Every relation the caller holds to the record, decided once. The switch is exhaustive over
 * `Role`: a new role does not compile until it is decided here (and in ROLE_RELATIONS).
 */
export function relationsOf(actor: Actor, facts: AccessFacts): Relation[] {
  if (actor.clinicId !== facts.clinicId) return ['another_clinic'];
  const role: Role = actor.role;
  switch (role) {
    case 'admin':
      return ['clinic_admin'];
    case 'therapist': {
      const relations: Relation[] = [];
      if (facts.client && facts.client.primaryTherapistId === actor.id)
        relations.push('treating_therapist');
      if (facts.authorId === actor.id) relations.push('author');
      if (facts.therapistId === actor.id) relations.push('the_therapist');
      if (facts.staffUserId === actor.id) relations.push('self');
      return relations.length > 0 ? relations : ['other_therapist'];
    }
    case 'client':
      if (facts.client?.portalUserIds.includes(actor.id)) return ['the_client'];
      if (facts.client?.partnerPortalUserId === actor.id) return ['the_partner'];
      return ['other_client'];
    default:
      return undecided(role);
  }
}

function undecided(role: never): never {
  throw new UndecidedRoleError(`No access relations are decided for the role "${String(role)}".`);
}
