/**
 * True when `url`'s path is `path` (query ignored, one trailing slash tolerated).
 * @example
 * ```ts
 * pathMatches("/webhooks/argyle", "/webhooks/argyle/?x=1"); // true
 * pathMatches("/webhooks/argyle", "/other"); // false
 * ```
 */
export function pathMatches(path: string | undefined, url: string | undefined): boolean {
  if (path === undefined) return true;
  const q = url?.indexOf("?") ?? -1;
  const pathname = (q === -1 ? url : url?.slice(0, q)) || "/";
  return pathname === path || pathname === `${path}/` || `${pathname}/` === path;
}
