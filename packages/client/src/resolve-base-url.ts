/**
 * Argyle's API base URLs (the `/v2` root).
 *
 * @example
 * ```ts
 * ARGYLE_API_BASE_URLS.sandbox; // "https://api-sandbox.argyle.com/v2"
 * ```
 */
export const ARGYLE_API_BASE_URLS = {
  sandbox: "https://api-sandbox.argyle.com/v2",
  production: "https://api.argyle.com/v2",
} as const;

/**
 * Where the client sends requests: `"sandbox"` (the default), `"production"`, or a base URL ending with the API
 * version, e.g. `"http://127.0.0.1:8080/v2"` for a local stand-in.
 *
 * @example
 * ```ts
 * const environment: ArgyleEnvironment = "production";
 * ```
 */
export type ArgyleEnvironment = keyof typeof ARGYLE_API_BASE_URLS | `https://${string}` | `http://${string}`;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Turns an environment name or base URL into a base URL without a trailing slash. Plain `http://` is accepted
 * only for loopback hosts, because every request carries the API key in a Basic auth header.
 *
 * @example
 * ```ts
 * resolveBaseUrl("sandbox"); // "https://api-sandbox.argyle.com/v2"
 * resolveBaseUrl("http://127.0.0.1:4010/v2/"); // "http://127.0.0.1:4010/v2"
 * ```
 */
export function resolveBaseUrl(environment: string = "sandbox"): string {
  if (environment === "sandbox" || environment === "production") return ARGYLE_API_BASE_URLS[environment];
  let url: URL;
  try {
    url = new URL(environment);
  } catch {
    throw new TypeError(
      `environment must be "sandbox", "production" or an http(s) base URL, got ${JSON.stringify(environment)}`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new TypeError(
      `base URL ${url.origin} must use https (plain http is allowed only for 127.0.0.1, localhost and [::1])`,
    );
  }
  if (url.username || url.password)
    throw new TypeError("base URL must not contain credentials; pass apiKeyId and apiKeySecret");
  if (url.search || url.hash) throw new TypeError("base URL must not contain a query string or fragment");
  return url.href.replace(/\/+$/, "");
}
