import { inject } from '@angular/core';
import { type CanActivateFn, type CanMatchFn, Router } from '@angular/router';
import type { Role } from '@cairn/contracts';
import { AuthService } from './auth.service';
import { DISCREET_AREA } from '../layout/page-title.strategy';
import { ROLE_HOME } from './role-home';

/** Pages behind sign-in; the original address is kept so sign-in can return to it. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (auth.signedIn()) return true;
  // A portal address without a session (Back after a quick exit, a shared link) lands on the
  // plain sign-in page, with nothing in the address that says where it came from.
  if (state.url === DISCREET_AREA || state.url.startsWith(`${DISCREET_AREA}/`)) {
    return router.createUrlTree(['/sign-in']);
  }
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } });
};

/** The sign-in page is for signed-out visitors; others go to their home. */
export const signedOutGuard: CanActivateFn = () => {
  const role = inject(AuthService).role();
  return role ? inject(Router).parseUrl(ROLE_HOME[role]) : true;
};

/** A role's area of the app; another role is sent to its own home rather than shown an error. */
export function roleGuard(role: Role): CanMatchFn {
  return () => {
    const current = inject(AuthService).role();
    if (current === role) return true;
    return inject(Router).parseUrl(current ? ROLE_HOME[current] : '/sign-in');
  };
}

/** Matches only while this role is signed in, so the router falls through to the next route. */
export function signedInAs(role: Role): CanMatchFn {
  return () => inject(AuthService).role() === role;
}

/** The bare root: send the signed-in user to their home. */
export const homeRedirectGuard: CanActivateFn = () => {
  const role = inject(AuthService).role();
  return inject(Router).parseUrl(role ? ROLE_HOME[role] : '/sign-in');
};
