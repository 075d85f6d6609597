import type { Role } from '@cairn/contracts';

/** Where each role lands after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  therapist: '/therapist',
  admin: '/admin/schedule',
  client: '/portal/home',
};
