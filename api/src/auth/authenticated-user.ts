import type { Role } from '@cairn/contracts';

/** The caller as the API knows them after the JWT check, re-read from the database each request. */
export interface AuthenticatedUser {
  id: string;
  role: Role;
  clinicId: string;
  sessionId: string;
  email: string;
  displayName: string;
}
