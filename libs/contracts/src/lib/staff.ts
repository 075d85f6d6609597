import type { PortalInvite } from './clients';

export const STAFF_ROLES = ['admin', 'therapist'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  isActive: boolean;
  /** Active, paused and prospect clients whose primary therapist this is. */
  caseloadSize: number;
  hasSignedIn: boolean;
}

export interface CreateStaffRequest {
  email: string;
  displayName: string;
  role: StaffRole;
}

export interface StaffCreated {
  member: StaffMember;
  invite: PortalInvite;
}

export interface UpdateStaffRequest {
  displayName?: string;
  isActive?: boolean;
}
