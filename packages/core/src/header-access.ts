import { headerLine } from "./request-seams.js";

/** Request headers as `receive()`, Node (`req.headers`) and Fetch (`Headers`) hold them. */
export type HeaderSource = Readonly<Record<string, string | readonly string[] | undefined>> | Headers;

type HeaderValue = string | readonly string[] | undefined;

/**
 * A Fetch `Headers` (or anything with its `get` and `forEach`), told apart from a plain record by its methods:
 * a record's values are strings, never functions. Not `instanceof Headers`: on Node, the first read of the global
 * `Headers` loads undici, which cost 15-20 ms of CPU on the first delivery of a process that never used Fetch.
 */
function isHeaders(headers: HeaderSource): headers is Headers {
  const h = headers as { get?: unknown; forEach?: unknown };
  return typeof h.get === "function" && typeof h.forEach === "function";
}

/** Reads one header by lower-case name from a `Headers` or a plain object in any case, without copying it. */
export function headerGetter(headers: HeaderSource): (name: string) => HeaderValue {
  if (isHeaders(headers)) return (name) => headers.get(name) ?? undefined;
  const plain = headers as Readonly<Record<string, HeaderValue>>;
  return (name) => {
    if (Object.hasOwn(plain, name)) return plain[name];
    for (const key of Object.keys(plain)) if (key.toLowerCase() === name) return plain[key];
    return undefined;
  };
}

/** All headers, lower-case names, repeated values joined (for `context.headers`, built only when read). */
export function flatHeaders(headers: HeaderSource): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (isHeaders(headers)) {
    headers.forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers as Readonly<Record<string, HeaderValue>>)) {
    if (value !== undefined) out[name.toLowerCase()] = headerLine(value);
  }
  return out;
}
