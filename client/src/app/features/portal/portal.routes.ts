import type { Routes } from '@angular/router';

/**
 * The client's portal. Its page titles say only "Cairn" (see PageTitleStrategy): a tab or a
 * history entry must not tell someone sharing the device what this is.
 */
export const PORTAL_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'home' },
  {
    path: 'home',
    title: 'Home',
    loadComponent: () => import('./portal-home.page').then((m) => m.PortalHomePage),
  },
  { path: 'homework', pathMatch: 'full', redirectTo: 'home' },
  {
    path: 'homework/:id',
    title: 'Home',
    loadComponent: () => import('./homework-entry.page').then((m) => m.HomeworkEntryPage),
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
    path: 'help',
    title: 'Help',
    loadComponent: () => import('../support/help-now.page').then((m) => m.HelpNowPage),
  },
  {
    path: 'readings',
    title: 'Readings',
    loadComponent: () =>
      import('../readings/reading-library.page').then((m) => m.ReadingLibraryPage),
  },
  {
    path: 'readings/:key',
    title: 'Reading',
    loadComponent: () => import('../readings/reading.page').then((m) => m.ReadingPage),
  },
  {
    path: 'safety/:id',
    title: 'Questions',
    loadComponent: () =>
      import('../safety/my-safety-screen.page').then((m) => m.MySafetyScreenPage),
  },
  {
    path: 'appointments',
    title: 'My appointments',
    loadComponent: () =>
      import('../scheduling/my-appointments.page').then((m) => m.MyAppointmentsPage),
  },
];
