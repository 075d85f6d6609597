import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';

export const REFRESH_COOKIE = 'cairn_refresh';

/** httpOnly and SameSite=Strict, scoped to the auth routes: page scripts never see it. */
function options(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/api/auth',
    maxAge: config.refreshAbsoluteHours * 3_600_000,
  };
}

export function setRefreshCookie(response: Response, token: string, config: AppConfig): void {
  response.cookie(REFRESH_COOKIE, token, options(config));
}

export function clearRefreshCookie(response: Response, config: AppConfig): void {
  const { maxAge: _maxAge, ...rest } = options(config);
  response.clearCookie(REFRESH_COOKIE, rest);
}

export function readRefreshCookie(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
