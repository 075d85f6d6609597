/**
 * Whether a Content-Type header names one of `types` (`application/json; charset=utf-8` is
 * `application/json`). Exact media types only, compared without case, as a body's parser is
 * chosen.
 */
export function isMediaType(header: string | undefined, types: readonly string[]): boolean {
  if (!header) return false;
  const semicolon = header.indexOf(';');
  const essence = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return types.includes(essence);
}
