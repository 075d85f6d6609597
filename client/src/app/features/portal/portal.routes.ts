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
    path: 'questionnaires',
    title: 'Questionnaires',
    loadComponent: () => import('./questionnaires.page').then((m) => m.QuestionnairesPage),
  },
  {
    path: 'questionnaires/:id',
    title: 'Questionnaire',
    loadComponent: () =>
      import('./answer-questionnaire.page').then((m) => m.AnswerQuestionnairePage),
  },
  {
    path: 'appointments',
    title: 'My appointments',
    loadComponent: () =>
      import('../scheduling/my-appointments.page').then((m) => m.MyAppointmentsPage),
  },
];
