import { API_PREFIX } from '@cairn/contracts';

/** A URL's path, without its query string (Fastify's `request.url` carries both). */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** Whether a path is the API's: `/api` itself or below it, never `/apiary`. */
export function isApiPath(path: string): boolean {
  return path === `/${API_PREFIX}` || path.startsWith(`/${API_PREFIX}/`);
}
