import type { Routes } from '@angular/router';
import { PlannedPage } from '../planned/planned.page';

export const PORTAL_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'homework' },
  {
    path: 'homework',
    title: 'My homework',
    component: PlannedPage,
    data: {
      heading: 'My homework',
      message: 'Exercises your therapist gives you will show up here.',
    },
  },
  {
    path: 'appointments',
    title: 'My appointments',
    component: PlannedPage,
    data: { heading: 'My appointments', message: 'Your upcoming appointments will show up here.' },
  },
];
