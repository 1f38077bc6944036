/**
 * True for `application/json` and any `+json` type, with or without parameters (`; charset=utf-8`).
 * @example
 * ```ts
 * isJsonContentType("application/json; charset=utf-8"); // true
 * isJsonContentType("text/plain"); // false
 * ```
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  if (value === "application/json") return true; // what Argyle sends
  const semi = value.indexOf(";");
  const type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}
