import type { ClientStatus } from '@cairn/contracts';
import type { EntityManager } from 'typeorm';
import { Client } from '../clients/entities/client.entity';

/** What a client file shows of the people it is tied to (never a password hash, only its presence). */
export interface ClientRelated {
  therapist: { id: string; displayName: string; isActive: boolean } | null;
  /** null: no portal account; false: invited, no password set yet; true: in use. */
  portalActive: boolean | null;
  partner: {
    id: string;
    legalName: string;
    preferredName: string | null;
    portalUserId: string | null;
  } | null;
}

/** A client file as the access layer loads it: the row and the people it is tied to. */
export type ClientFile = Client & { related: ClientRelated };

export interface ClientFileRow {
  id: string;
  clinic_id: string;
  legal_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  date_of_birth: string | null;
  email: string | null;
  phone: string | null;
  emergency_contact_name: string | null;
  emergency_contact_relationship: string | null;
  emergency_contact_phone: string | null;
  status: ClientStatus;
  primary_therapist_id: string | null;
  referral_source: string | null;
  intake_date: string | null;
  portal_user_id: string | null;
  partner_id: string | null;
  reminder_consent: boolean;
  homework_nudge_consent: boolean;
  created_at: Date;
  updated_at: Date;
  therapist_name: string | null;
  therapist_active: boolean | null;
  portal_active: boolean | null;
  partner_legal_name: string | null;
  partner_preferred_name: string | null;
  partner_portal_user_id: string | null;
}

/**
 * One fixed statement for the file and its ties, read on nearly every request about a client:
 * TypeORM's builder and its relation hydration cost several times the statement's own time.
 * Dates come back as text, as the entity's `date` columns hold them. Within the caller's clinic
 * beside row-level security, so a missing setting can never widen it.
 */
const SELECT_FILE = `SELECT c.id, c.clinic_id, c.legal_name, c.preferred_name, c.pronouns,
         c.date_of_birth::text AS date_of_birth, c.email, c.phone, c.emergency_contact_name,
         c.emergency_contact_relationship, c.emergency_contact_phone, c.status,
         c.primary_therapist_id, c.referral_source, c.intake_date::text AS intake_date,
         c.portal_user_id, c.partner_id, c.reminder_consent, c.homework_nudge_consent,
         c.created_at, c.updated_at,
         t.display_name AS therapist_name, t.is_active AS therapist_active,
         (SELECT pu.password_hash IS NOT NULL FROM users pu WHERE pu.id = c.portal_user_id) AS portal_active,
         p.legal_name AS partner_legal_name, p.preferred_name AS partner_preferred_name,
         p.portal_user_id AS partner_portal_user_id
    FROM clients c
    LEFT JOIN users t ON t.id = c.primary_therapist_id
    LEFT JOIN clients p ON p.id = c.partner_id
   WHERE c.id = $1 AND c.clinic_id = $2`;
const SELECT_FILE_LOCKED = `${SELECT_FILE} FOR UPDATE OF c`;

/** The treating therapist as a row joined to `users` names them (the file and the list alike). */
export function therapistOf(
  row: Pick<ClientFileRow, 'primary_therapist_id' | 'therapist_name' | 'therapist_active'>,
): ClientRelated['therapist'] {
  return row.primary_therapist_id
    ? {
        id: row.primary_therapist_id,
        displayName: row.therapist_name ?? '',
        isActive: row.therapist_active ?? false,
      }
    : null;
}

export function toClientFile(row: ClientFileRow): ClientFile {
  const client = Object.assign(new Client(), {
    id: row.id,
    clinicId: row.clinic_id,
    legalName: row.legal_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    dateOfBirth: row.date_of_birth,
    email: row.email,
    phone: row.phone,
    emergencyContactName: row.emergency_contact_name,
    emergencyContactRelationship: row.emergency_contact_relationship,
    emergencyContactPhone: row.emergency_contact_phone,
    status: row.status,
    primaryTherapistId: row.primary_therapist_id,
    referralSource: row.referral_source,
    intakeDate: row.intake_date,
    portalUserId: row.portal_user_id,
    partnerId: row.partner_id,
    reminderConsent: row.reminder_consent,
    homeworkNudgeConsent: row.homework_nudge_consent,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const related: ClientRelated = {
    therapist: therapistOf(row),
    portalActive: row.portal_user_id ? row.portal_active === true : null,
    partner: row.partner_id
      ? {
          id: row.partner_id,
          legalName: row.partner_legal_name ?? '',
          preferredName: row.partner_preferred_name,
          portalUserId: row.partner_portal_user_id,
        }
      : null,
  };
  return Object.assign(client, { related });
}

/**
 * The file by id within `clinicId`, or null. With `lock`, its row is held FOR UPDATE for the
 * rest of the transaction (the people it is tied to are not locked).
 */
export async function readClientFile(
  manager: EntityManager,
  id: string,
  clinicId: string,
  lock = false,
): Promise<ClientFile | null> {
  if (lock) {
    const [locked] = await manager.query<ClientFileRow[]>(SELECT_FILE_LOCKED, [id, clinicId]);
    if (locked) return toClientFile(locked);
  }
  // As every loader does: a row row-level security keeps from FOR UPDATE is read as it is.
  const [row] = await manager.query<ClientFileRow[]>(SELECT_FILE, [id, clinicId]);
  return row ? toClientFile(row) : null;
}
