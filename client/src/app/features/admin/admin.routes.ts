import type { Routes } from '@angular/router';

export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'schedule' },
  {
    path: 'schedule',
    title: 'Clinic schedule',
    loadComponent: () => import('../scheduling/schedule.page').then((m) => m.SchedulePage),
    data: { area: 'admin' },
  },
  {
    path: 'clients',
    title: 'Clients',
    loadComponent: () => import('../clients/client-list.page').then((m) => m.ClientListPage),
    data: { mode: 'directory', heading: 'Clients' },
  },
  {
    path: 'clients/new',
    title: 'New client',
    loadComponent: () => import('../clients/new-client.page').then((m) => m.NewClientPage),
  },
  {
    path: 'clients/import',
    title: 'Import clients',
    loadComponent: () =>
      import('./client-import/client-import.page').then((m) => m.ClientImportPage),
  },
  {
    path: 'clients/:id',
    title: 'Client file',
    loadComponent: () => import('../clients/client-file.page').then((m) => m.ClientFilePage),
    data: { area: 'admin' },
  },
  {
    path: 'staff',
    title: 'Staff',
    loadComponent: () => import('../staff/staff.page').then((m) => m.StaffPage),
  },
  {
    path: 'staff-security',
    title: 'Staff security',
    loadComponent: () =>
      import('./staff-security/staff-security.page').then((m) => m.StaffSecurityPage),
  },
  {
    path: 'audit',
    title: 'Audit trail',
    loadComponent: () => import('./audit/audit-trail.page').then((m) => m.AuditTrailPage),
  },
  {
    path: 'settings',
    title: 'Clinic settings',
    loadComponent: () =>
      import('./settings/clinic-settings.page').then((m) => m.ClinicSettingsPage),
  },
  {
    path: 'messages',
    title: 'Messages',
    loadComponent: () => import('./messages/messages.page').then((m) => m.MessagesPage),
  },
  {
    path: 'retention',
    title: 'Records retention',
    loadComponent: () => import('./retention/retention.page').then((m) => m.RetentionPage),
  },
];
