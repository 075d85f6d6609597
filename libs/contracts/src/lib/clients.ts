import type { ActionOf, FileAccess } from './access';
import type { Page } from './paging';

export const CLIENT_STATUSES = ['prospect', 'active', 'paused', 'discharged'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/** Sort keys a list may be ordered by; anything else is refused (never pasted into SQL). */
export const CLIENT_SORTS = [
  'name',
  '-name',
  'status',
  '-status',
  'intakeDate',
  '-intakeDate',
  'updatedAt',
  '-updatedAt',
] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

export interface ClientListQuery {
  q?: string;
  status?: ClientStatus;
  therapistId?: string;
  needsReassignment?: boolean;
  page?: number;
  pageSize?: number;
  sort?: ClientSort;
}

export interface TherapistRef {
  id: string;
  displayName: string;
  isActive: boolean;
}

export interface ClientRef {
  id: string;
  displayName: string;
}

/** A row of the client directory or a caseload: demographics only, never clinical content. */
export interface ClientSummary {
  id: string;
  displayName: string;
  legalName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  status: ClientStatus;
  intakeDate: string | null;
  primaryTherapist: TherapistRef | null;
  /** Active file whose therapist is missing or deactivated. */
  needsReassignment: boolean;
  portalStatus: PortalStatus;
  updatedAt: string;
}

/**
 * A page of the client list. With no search or filter, a clinic's or caseload's total above a
 * thousand is the planner's estimate (`totalIsEstimate`), shown as "about N": counting every file
 * for page 1 would grow with the clinic. Any search or filter gives an exact total.
 */
export interface ClientPage extends Page<ClientSummary> {
  totalIsEstimate: boolean;
}

export type PortalStatus = 'none' | 'invited' | 'active';

export interface EmergencyContact {
  name: string;
  relationship: string | null;
  phone: string;
}

/** What an admin sees and edits: who the person is and how to reach them. */
export interface ClientDemographics {
  legalName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  emergencyContact: EmergencyContact | null;
  referralSource: string | null;
  intakeDate: string | null;
  status: ClientStatus;
}

export interface ClientDetail extends ClientDemographics {
  id: string;
  displayName: string;
  primaryTherapist: TherapistRef | null;
  needsReassignment: boolean;
  portalStatus: PortalStatus;
  partner: ClientRef | null;
  createdAt: string;
  updatedAt: string;
  /** Present only for the treating therapist; absent (not empty) for everyone else. */
  clinical?: ClientClinical;
  /** What the caller may do to the file itself. */
  can: ActionOf<'client'>[];
  /** What the caller may do inside it, kind by kind: the client shows actions from this. */
  access: FileAccess;
}

export interface ClientClinical {
  intake: ClientIntake;
  timeline: TimelineEvent[];
  phase: TreatmentPhaseEntry | null;
  phaseHistory: TreatmentPhaseEntry[];
}

export type CreateClientRequest = Partial<Omit<ClientDemographics, 'legalName'>> & {
  legalName: string;
  primaryTherapistId?: string | null;
};

export type UpdateClientRequest = Partial<ClientDemographics> & { intake?: ClientIntakeUpdate };

export interface AssignTherapistRequest {
  therapistId: string;
}

export interface LinkPartnerRequest {
  /** The other partner's client id; null unlinks the couple. */
  partnerId: string | null;
}

/** The client's own profile in the portal: no clinical fields. */
export interface ClientSelfProfile {
  id: string;
  legalName: string;
  preferredName: string | null;
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  clinicName: string;
  therapist: { displayName: string } | null;
}

// ---- clinical intake (treating therapist only) ----

export const RELATIONSHIP_STATUSES = ['together', 'separated', 'deciding', 'single'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

export const DISCLOSURE_STATUSES = [
  'not_discussed',
  'discovered',
  'partial_disclosure',
  'formal_disclosure_planned',
  'formal_disclosure_completed',
] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

export const BETRAYAL_KINDS = [
  'infidelity_current',
  'infidelity_past',
  'hidden_sexual_behaviour',
  'other_secrets',
  'family',
  'friend',
  'institution',
] as const;
export type BetrayalKind = (typeof BETRAYAL_KINDS)[number];

export const ATTACHMENT_STYLES = [
  'secure',
  'anxious',
  'avoidant',
  'fearful_avoidant',
  'unclear',
] as const;
export type AttachmentStyle = (typeof ATTACHMENT_STYLES)[number];

/** One history item: whether it applies (null: not yet asked) and the clinician's note. */
export interface HistoryItem {
  present: boolean | null;
  note: string | null;
}

/** The roots a clinician records at intake (DOMAIN.md, "Roots a clinician records"). */
export interface ClientHistory {
  foundationalBetrayal: { kinds: BetrayalKind[]; note: string | null };
  childhoodEmotionalNeglect: HistoryItem;
  chaosOrAddictionAtHome: HistoryItem;
  parentification: HistoryItem;
  attachmentStyle: { style: AttachmentStyle | null; note: string | null };
  priorTherapy: { present: boolean | null; modalities: string | null; note: string | null };
}

export interface ClientIntake {
  presentingConcerns: string | null;
  relationshipStatus: RelationshipStatus | null;
  disclosureStatus: DisclosureStatus | null;
  history: ClientHistory;
  updatedAt: string | null;
}

export type ClientIntakeUpdate = Partial<Omit<ClientIntake, 'updatedAt' | 'history'>> & {
  history?: Partial<ClientHistory>;
};

// ---- betrayal timeline ----

export const TIMELINE_EVENT_KINDS = [
  'discovery',
  'formal_disclosure',
  'relapse_or_new_discovery',
  'separation',
  'reconciliation',
  'couples_work_started',
  'other',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export interface TimelineEvent {
  id: string;
  kind: TimelineEventKind;
  /** Required for `other`; an optional short title otherwise. */
  label: string | null;
  occurredOn: string;
  note: string | null;
}

export interface TimelineEventRequest {
  kind: TimelineEventKind;
  label?: string | null;
  occurredOn: string;
  note?: string | null;
}

// ---- treatment phase ----

export const TREATMENT_PHASES = [
  'safety_stabilisation',
  'grieving_processing',
  'rebuilding_reconnection',
] as const;
export type TreatmentPhase = (typeof TREATMENT_PHASES)[number];

export interface TreatmentPhaseEntry {
  id: string;
  phase: TreatmentPhase;
  startedOn: string;
  recordedBy: string;
}

export interface TreatmentPhaseRequest {
  phase: TreatmentPhase;
  startedOn: string;
}

// ---- portal invitations ----

export interface PortalInvite {
  /** The one-time link to send the person; it holds the secret, so show it to the admin once. */
  inviteUrl: string;
  expiresAt: string;
  email: string;
}

export interface AcceptInviteRequest {
  token: string;
  password: string;
}
