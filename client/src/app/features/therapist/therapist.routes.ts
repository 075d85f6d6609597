import type { Routes } from '@angular/router';

export const THERAPIST_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Today',
    loadComponent: () => import('../today/today.page').then((m) => m.TodayPage),
  },
  { path: 'today', pathMatch: 'full', redirectTo: '' },
  {
    path: 'caseload',
    title: 'Caseload',
    loadComponent: () => import('../clients/client-list.page').then((m) => m.ClientListPage),
    data: { mode: 'caseload', heading: 'Caseload' },
  },
  {
    path: 'clients/:id',
    title: 'Client chart',
    loadComponent: () => import('../clients/client-file.page').then((m) => m.ClientFilePage),
    data: { area: 'therapist' },
  },
  {
    path: 'clients/:id/assessments/:assessmentId',
    title: 'Questionnaire',
    loadComponent: () =>
      import('../assessments/administration.page').then((m) => m.AdministrationPage),
  },
  {
    path: 'clients/:id/progress',
    title: 'Progress',
    loadComponent: () => import('../progress/progress.page').then((m) => m.ProgressPage),
  },
  {
    path: 'notes/:noteId',
    title: 'Session note',
    loadComponent: () => import('../notes/note-editor.page').then((m) => m.NoteEditorPage),
  },
  {
    path: 'schedule',
    title: 'Schedule',
    loadComponent: () => import('../scheduling/schedule.page').then((m) => m.SchedulePage),
    data: { area: 'therapist' },
  },
];
