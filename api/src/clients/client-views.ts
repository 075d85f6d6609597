import type {
  ClientDetail,
  ClientHistory,
  ClientSelfProfile,
  ClientSummary,
  PortalStatus,
  TimelineEvent,
  TreatmentPhaseEntry,
} from '@cairn/contracts';
import { therapistOf, type ClientFile } from '../access/client-file';
import type { Clinic } from '../clinics/entities/clinic.entity';
import type { User } from '../users/entities/user.entity';
import type { ClientRow } from './clients-query';
import type { Client } from './entities/client.entity';
import type { TimelineEventRecord } from './entities/timeline-event.entity';
import type { TreatmentPhaseRecord } from './entities/treatment-phase.entity';

/** What people call the client: the preferred name when there is one. */
export function displayNameOf(client: { legalName: string; preferredName: string | null }): string {
  return client.preferredName ?? client.legalName;
}

export function portalStatusOf(
  portalUser: Pick<User, 'passwordHash'> | null | undefined,
): PortalStatus {
  if (!portalUser) return 'none';
  return portalUser.passwordHash ? 'active' : 'invited';
}

export function needsReassignment(
  client: Pick<Client, 'status'>,
  therapist: Pick<User, 'isActive'> | null | undefined,
): boolean {
  return client.status !== 'discharged' && (!therapist || !therapist.isActive);
}

export function toClientSummary(row: ClientRow): ClientSummary {
  return {
    id: row.id,
    displayName: row.preferred_name ?? row.legal_name,
    legalName: row.legal_name,
    preferredName: row.preferred_name,
    pronouns: row.pronouns,
    dateOfBirth: row.date_of_birth,
    email: row.email,
    phone: row.phone,
    status: row.status,
    intakeDate: row.intake_date,
    primaryTherapist: therapistOf(row),
    needsReassignment: row.needs_reassignment,
    portalStatus: row.portal_user_id === null ? 'none' : row.portal_active ? 'active' : 'invited',
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toClientDetail(
  client: ClientFile,
  can: ClientDetail['can'],
  access: ClientDetail['access'],
): ClientDetail {
  return {
    can,
    access,
    id: client.id,
    displayName: displayNameOf(client),
    legalName: client.legalName,
    preferredName: client.preferredName,
    pronouns: client.pronouns,
    dateOfBirth: client.dateOfBirth,
    email: client.email,
    phone: client.phone,
    emergencyContact:
      client.emergencyContactName && client.emergencyContactPhone
        ? {
            name: client.emergencyContactName,
            relationship: client.emergencyContactRelationship,
            phone: client.emergencyContactPhone,
          }
        : null,
    referralSource: client.referralSource,
    intakeDate: client.intakeDate,
    status: client.status,
    primaryTherapist: client.related.therapist,
    needsReassignment: needsReassignment(client, client.related.therapist),
    portalStatus:
      client.related.portalActive === null
        ? 'none'
        : client.related.portalActive
          ? 'active'
          : 'invited',
    partner: client.related.partner
      ? { id: client.related.partner.id, displayName: displayNameOf(client.related.partner) }
      : null,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

export const EMPTY_HISTORY: ClientHistory = {
  foundationalBetrayal: { kinds: [], note: null },
  childhoodEmotionalNeglect: { present: null, note: null },
  chaosOrAddictionAtHome: { present: null, note: null },
  parentification: { present: null, note: null },
  attachmentStyle: { style: null, note: null },
  priorTherapy: { present: null, modalities: null, note: null },
};

export function toTimelineEvent(record: TimelineEventRecord): TimelineEvent {
  return {
    id: record.id,
    kind: record.kind,
    label: record.label,
    occurredOn: record.occurredOn,
    note: record.note,
  };
}

export function toPhaseEntry(
  record: TreatmentPhaseRecord & { recorder?: User },
): TreatmentPhaseEntry {
  return {
    id: record.id,
    phase: record.phase,
    startedOn: record.startedOn,
    recordedBy: record.recorder?.displayName ?? '',
  };
}

export function toSelfProfile(
  client: Client,
  clinic: Clinic,
  therapist: User | null,
): ClientSelfProfile {
  return {
    id: client.id,
    legalName: client.legalName,
    preferredName: client.preferredName,
    pronouns: client.pronouns,
    email: client.email,
    phone: client.phone,
    clinicName: clinic.name,
    therapist: therapist?.isActive ? { displayName: therapist.displayName } : null,
  };
}
