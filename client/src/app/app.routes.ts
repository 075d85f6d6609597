import type { Routes } from '@angular/router';
import {
  homeRedirectGuard,
  roleGuard,
  signedInAs,
  signedInGuard,
  signedOutGuard,
} from './core/auth/auth.guards';

/** Every signed-in person's own account pages, in whichever frame they are signed in to. */
const ACCOUNT_ROUTES: Routes = [
  {
    path: 'account/security',
    title: 'Sign-in and security',
    loadComponent: () => import('./features/account/security.page').then((m) => m.SecurityPage),
  },
  {
    path: 'account/password',
    title: 'Change password',
    loadComponent: () =>
      import('./features/account/change-password.page').then((m) => m.ChangePasswordPage),
  },
  {
    path: 'account/email',
    title: 'Change sign-in email',
    loadComponent: () =>
      import('./features/account/change-email.page').then((m) => m.ChangeEmailPage),
  },
];

/**
 * Every page loads lazily, the not-found page too: the first paint only needs Angular, the
 * router and the auth core (an eager page drags its Material components into every visit).
 */
export const APP_ROUTES: Routes = [
  {
    path: 'sign-in',
    title: 'Sign in',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./features/sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: 'reset',
    title: 'Reset your password',
    loadComponent: () => import('./features/reset/reset.page').then((m) => m.ResetPage),
  },
  {
    path: 'email-change',
    title: 'New sign-in email',
    loadComponent: () =>
      import('./features/reset/email-change-confirm.page').then((m) => m.EmailChangeConfirmPage),
  },
  {
    path: 'welcome',
    title: 'Welcome',
    loadComponent: () => import('./features/welcome/welcome.page').then((m) => m.WelcomePage),
  },
  // A signed-in client gets the portal's own light frame; everyone else (and a portal address
  // without a session, which the staff frame's guard sends to the plain sign-in page) falls
  // through to the staff frame below.
  {
    path: '',
    canMatch: [signedInAs('client')],
    loadComponent: () =>
      import('./core/layout/portal-shell.component').then((m) => m.PortalShellComponent),
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
      {
        path: 'portal',
        loadChildren: () => import('./features/portal/portal.routes').then((m) => m.PORTAL_ROUTES),
      },
      ...ACCOUNT_ROUTES,
    ],
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./core/layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
      {
        path: 'therapist',
        canMatch: [roleGuard('therapist')],
        loadChildren: () =>
          import('./features/therapist/therapist.routes').then((m) => m.THERAPIST_ROUTES),
      },
      {
        path: 'admin',
        canMatch: [roleGuard('admin')],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'portal',
        canMatch: [roleGuard('client')],
        loadChildren: () => import('./features/portal/portal.routes').then((m) => m.PORTAL_ROUTES),
      },
      ...ACCOUNT_ROUTES,
    ],
  },
  {
    path: '**',
    title: 'Not found',
    loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
