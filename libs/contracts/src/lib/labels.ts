import type {
  AttachmentStyle,
  BetrayalKind,
  ClientStatus,
  DisclosureStatus,
  RelationshipStatus,
  TimelineEventKind,
  TreatmentPhase,
} from './clients';

/** Plain words for the clinical vocabulary, shared by the screens and the PDF reports. */
export const CLIENT_STATUS_LABELS: Record<ClientStatus, string> = {
  prospect: 'Prospect',
  active: 'Active',
  paused: 'Paused',
  discharged: 'Discharged',
};

export const RELATIONSHIP_STATUS_LABELS: Record<RelationshipStatus, string> = {
  together: 'Together',
  separated: 'Separated',
  deciding: 'Deciding',
  single: 'Single',
};

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  not_discussed: 'Not yet discussed',
  discovered: 'Discovered (no disclosure yet)',
  partial_disclosure: 'Partial or staggered disclosure',
  formal_disclosure_planned: 'Formal disclosure planned',
  formal_disclosure_completed: 'Formal disclosure completed',
};

export const BETRAYAL_KIND_LABELS: Record<BetrayalKind, string> = {
  infidelity_current: 'Infidelity in the current relationship',
  infidelity_past: 'Infidelity in a past relationship',
  hidden_sexual_behaviour: 'Hidden pornography use or sexual behaviour',
  other_secrets: 'Other secrets surfacing',
  family: 'Betrayal by family',
  friend: 'Betrayal by a friend',
  institution: 'Betrayal by an institution',
};

export const ATTACHMENT_STYLE_LABELS: Record<AttachmentStyle, string> = {
  secure: 'Secure',
  anxious: 'Anxious (seeks reassurance)',
  avoidant: 'Avoidant',
  fearful_avoidant: 'Fearful-avoidant (push-pull)',
  unclear: 'Not yet clear',
};

export const TIMELINE_EVENT_LABELS: Record<TimelineEventKind, string> = {
  discovery: 'Discovery',
  formal_disclosure: 'Formal disclosure',
  relapse_or_new_discovery: 'Relapse or new discovery',
  separation: 'Separation',
  reconciliation: 'Reconciliation',
  couples_work_started: 'Couples work started',
  other: 'Other',
};

export const TREATMENT_PHASE_LABELS: Record<TreatmentPhase, string> = {
  safety_stabilisation: 'Safety and stabilisation',
  grieving_processing: 'Grieving and processing',
  rebuilding_reconnection: 'Rebuilding and reconnection',
};
