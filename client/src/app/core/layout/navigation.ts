import type { Role } from '@cairn/contracts';

export interface NavItem {
  label: string;
  path: string;
  /** Active only on this exact address (a home whose path prefixes the others). */
  exact?: boolean;
}

/** Each role's navigation. A role never sees links to another role's area. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  therapist: [
    { label: 'Today', path: '/therapist', exact: true },
    { label: 'Caseload', path: '/therapist/caseload' },
    { label: 'Schedule', path: '/therapist/schedule' },
  ],
  admin: [
    { label: 'Schedule', path: '/admin/schedule' },
    { label: 'Clients', path: '/admin/clients' },
    { label: 'Staff', path: '/admin/staff' },
    { label: 'Staff security', path: '/admin/staff-security' },
    { label: 'Audit trail', path: '/admin/audit' },
    { label: 'Messages', path: '/admin/messages' },
    { label: 'Retention', path: '/admin/retention' },
    { label: 'Clinic settings', path: '/admin/settings' },
  ],
  client: [
    { label: 'Home', path: '/portal/home' },
    { label: 'Questionnaires', path: '/portal/questionnaires' },
    { label: 'Readings', path: '/portal/readings' },
    { label: 'My appointments', path: '/portal/appointments' },
    { label: 'If you need help now', path: '/portal/help' },
  ],
};
