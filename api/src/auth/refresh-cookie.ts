import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';

export const REFRESH_COOKIE = 'cairn_refresh';

/** httpOnly and SameSite=Strict, scoped to the auth routes: page scripts never see it. */
function options(config: AppConfig): CookieSerializeOptions {
  const maxAge = config.refreshAbsoluteHours * 3_600;
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.cookieSecure,
    path: '/api/auth',
    // Seconds, and an Expires beside Max-Age for the rare client that reads only Expires.
    maxAge,
    expires: new Date(Date.now() + maxAge * 1000),
  };
}

export function setRefreshCookie(response: FastifyReply, token: string, config: AppConfig): void {
  response.setCookie(REFRESH_COOKIE, token, options(config));
}

export function clearRefreshCookie(response: FastifyReply, config: AppConfig): void {
  const { maxAge: _maxAge, expires: _expires, ...rest } = options(config);
  response.clearCookie(REFRESH_COOKIE, rest);
}

export function readRefreshCookie(request: FastifyRequest): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
