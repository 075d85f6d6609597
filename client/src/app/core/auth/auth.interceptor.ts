import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { API_PREFIX } from '@cairn/contracts';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService, SKIP_AUTH } from './auth.service';

function withToken(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the bearer token to API calls. On a 401 it refreshes once and retries; if that fails the
 * session is over and the user goes to the sign-in page.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  if (request.context.get(SKIP_AUTH) || !request.url.startsWith(`/${API_PREFIX}/`)) {
    return next(request);
  }
  return next(withToken(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401)
        return throwError(() => error);
      return from(auth.refresh()).pipe(
        switchMap((refreshed) => {
          if (refreshed) return next(withToken(request, auth.accessToken()));
          void auth.signOut('expired');
          return throwError(() => error);
        }),
      );
    }),
  );
};
