import { headerLine } from "./request-seams.js";

/** Request headers as `receive()`, Node (`req.headers`) and Fetch (`Headers`) hold them. */
export type HeaderSource = Readonly<Record<string, string | readonly string[] | undefined>> | Headers;

type HeaderValue = string | readonly string[] | undefined;

/** Reads one header by lower-case name from a `Headers` or a plain object in any case, without copying it. */
export function headerGetter(headers: HeaderSource): (name: string) => HeaderValue {
  if (typeof Headers !== "undefined" && headers instanceof Headers)
    return (name) => headers.get(name) ?? undefined;
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
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
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
