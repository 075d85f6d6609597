import type { Routes } from '@angular/router';
import { PlannedPage } from '../planned/planned.page';

export const THERAPIST_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'caseload' },
  {
    path: 'caseload',
    title: 'Caseload',
    component: PlannedPage,
    data: {
      heading: 'Caseload',
      message: 'Your clients will be listed here once client files are opened and assigned to you.',
    },
  },
  {
    path: 'schedule',
    title: 'Schedule',
    component: PlannedPage,
    data: {
      heading: 'Schedule',
      message: 'Your sessions and consultations will appear here once scheduling is set up.',
    },
  },
];
