import type { Routes } from '@angular/router';
import { PlannedPage } from '../planned/planned.page';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'schedule' },
  {
    path: 'schedule',
    title: 'Clinic schedule',
    component: PlannedPage,
    data: {
      heading: 'Clinic schedule',
      message: "The clinic's appointments will appear here once scheduling is set up.",
    },
  },
  {
    path: 'clients',
    title: 'Clients',
    component: PlannedPage,
    data: {
      heading: 'Clients',
      message: 'Client files will be opened and assigned to therapists here.',
    },
  },
  {
    path: 'staff',
    title: 'Staff',
    component: PlannedPage,
    data: { heading: 'Staff', message: 'Therapist and admin accounts will be managed here.' },
  },
  {
    path: 'audit',
    title: 'Audit trail',
    loadComponent: () => import('./audit/audit-trail.page').then((m) => m.AuditTrailPage),
  },
];
