import { setTimeout as sleep } from "node:timers/promises";
import {
  ArgyleApiError,
  ArgyleAuthError,
  ArgyleClientError,
  ArgyleNetworkError,
  ArgyleTimeoutError,
  ArgyleValidationError,
} from "./errors.js";
import { fingerprint, redact } from "./redact.js";
import { type ArgyleRetryOptions, retryDelay } from "./retry-delay.js";

/** What the transport needs to know; built by `createArgyleClient`. */
export interface TransportOptions {
  readonly baseUrl: string;
  readonly apiKeyId: string;
  readonly apiKeySecret: string;
  readonly timeoutMs: number;
  readonly retry: Required<ArgyleRetryOptions>;
  readonly userAgent: string;
}

/** One call to Argyle's API. */
export interface TransportRequest {
  readonly method: "GET" | "POST" | "DELETE";
  /** A path below the base URL (`/webhooks`), or an absolute URL on the base URL's origin (a `next` link). */
  readonly path: string;
  readonly body?: unknown;
  /** Secrets that must not appear in error messages (e.g. the webhook secret of a create request). */
  readonly secrets?: readonly (string | null | undefined)[];
}

/**
 * Sends a request and returns the parsed JSON body (`undefined` for an empty body).
 *
 * @example
 * ```ts
 * const page = await transport({ method: "GET", path: "/webhooks" });
 * ```
 */
export type Transport = (request: TransportRequest) => Promise<unknown>;

const IDEMPOTENT = new Set(["GET", "DELETE", "HEAD", "PUT"]);
const MAX_BODY_IN_ERROR = 500;

/**
 * Builds the HTTP layer: Basic auth, JSON, a timeout on every attempt, bounded retries with backoff for
 * idempotent calls on 429/5xx/network errors/timeouts, and typed errors that never contain the API key secret.
 *
 * @example
 * ```ts
 * const transport = createTransport({ baseUrl, apiKeyId, apiKeySecret, timeoutMs: 30_000, retry, userAgent });
 * await transport({ method: "DELETE", path: `/webhooks/${id}` });
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const authorization = `Basic ${Buffer.from(`${options.apiKeyId}:${options.apiKeySecret}`).toString("base64")}`;
  const base = new URL(options.baseUrl);

  return async function transport(request) {
    const url = resolveUrl(base, options.baseUrl, request.path);
    const label = `${request.method} ${url.pathname}${url.search}`;
    const secrets = [options.apiKeySecret, authorization, ...(request.secrets ?? [])];
    const retries = IDEMPOTENT.has(request.method) ? options.retry.retries : 0;
    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt <= retries;
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers: {
            authorization,
            accept: "application/json",
            "user-agent": options.userAgent,
            ...(request.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: "error",
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        if (canRetry) {
          await sleep(retryDelay(attempt - 1, null, options.retry));
          continue;
        }
        if (timedOut) {
          throw new ArgyleTimeoutError(
            `${label}: no answer from Argyle within ${options.timeoutMs} ms${tries(attempt)}`,
            label,
            attempt,
            options.timeoutMs,
          );
        }
        const reason = redact(
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error),
          secrets,
        );
        throw new ArgyleNetworkError(
          `${label}: could not reach ${base.origin} (${reason})${tries(attempt)}`,
          label,
          attempt,
          { cause: error },
        );
      }

      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        if (canRetry) {
          await sleep(retryDelay(attempt - 1, null, options.retry));
          continue;
        }
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        if (timedOut) {
          throw new ArgyleTimeoutError(
            `${label}: Argyle's answer did not complete within ${options.timeoutMs} ms${tries(attempt)}`,
            label,
            attempt,
            options.timeoutMs,
          );
        }
        throw new ArgyleNetworkError(
          `${label}: the connection broke while reading Argyle's answer${tries(attempt)}`,
          label,
          attempt,
          { cause: error },
        );
      }

      if (response.ok) return parseJson(text, label, attempt, response.status, secrets);
      if ((response.status === 429 || response.status >= 500) && canRetry) {
        await sleep(retryDelay(attempt - 1, response.headers.get("retry-after"), options.retry));
        continue;
      }
      throw errorFor(response.status, text, label, attempt, secrets, options);
    }
  };
}

function tries(attempts: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

function resolveUrl(base: URL, baseUrl: string, path: string): URL {
  if (!/^https?:\/\//i.test(path)) return new URL(`${baseUrl}${path.startsWith("/") ? path : `/${path}`}`);
  const url = new URL(path);
  // A pagination link must stay on Argyle's origin: the Authorization header goes with it.
  if (url.origin !== base.origin)
    throw new ArgyleClientError(
      `refusing to follow a link to ${url.origin}: the API key is only sent to ${base.origin}`,
      `GET ${url.pathname}`,
      0,
    );
  return url;
}

function parseJson(
  text: string,
  label: string,
  attempts: number,
  status: number,
  secrets: readonly (string | null | undefined)[],
): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ArgyleApiError(
      `${label}: Argyle answered ${status} with a body that is not JSON`,
      label,
      attempts,
      status,
      excerpt(text, secrets),
    );
  }
}

function excerpt(text: string, secrets: readonly (string | null | undefined)[]): string {
  const clean = redact(text, secrets);
  return clean.length > MAX_BODY_IN_ERROR ? `${clean.slice(0, MAX_BODY_IN_ERROR)}…` : clean;
}

/** `{ field: ["message", ...] }` (Argyle's 400 format) or `undefined` when the body has another shape. */
function fieldErrors(
  text: string,
  secrets: readonly (string | null | undefined)[],
): Record<string, string[]> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const fields: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(parsed)) {
    const messages = Array.isArray(value) ? value : [value];
    fields[field] = messages.map((m) => redact(typeof m === "string" ? m : JSON.stringify(m), secrets));
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function errorFor(
  status: number,
  text: string,
  label: string,
  attempts: number,
  secrets: readonly (string | null | undefined)[],
  options: TransportOptions,
): ArgyleApiError {
  const body = excerpt(text, secrets);
  const detail = body === "" ? "" : `: ${body}`;
  if (status === 400) {
    const fields = fieldErrors(text, secrets);
    if (fields) {
      const summary = Object.entries(fields)
        .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
        .join(" | ");
      return new ArgyleValidationError(
        `${label}: Argyle rejected the request (400) — ${summary}`,
        label,
        attempts,
        body,
        fields,
      );
    }
    return new ArgyleValidationError(
      `${label}: Argyle rejected the request (400)${detail}`,
      label,
      attempts,
      body,
      {},
    );
  }
  if (status === 401) {
    return new ArgyleAuthError(
      `${label}: Argyle did not accept the API key (401). Check the key id (apiKeyId / ARGYLE_API_KEY_ID, ${fingerprint(options.apiKeyId)}) and its secret (apiKeySecret / ARGYLE_API_KEY_SECRET, not shown), and that both belong to ${new URL(options.baseUrl).host} (sandbox and production keys differ)${detail}`,
      label,
      attempts,
      status,
      body,
      "apiKeyId/apiKeySecret",
    );
  }
  if (status === 403) {
    return new ArgyleAuthError(
      `${label}: the API key ${fingerprint(options.apiKeyId)} (apiKeyId / ARGYLE_API_KEY_ID) was recognised but may not use this endpoint (403); check its permissions in Argyle Console${detail}`,
      label,
      attempts,
      status,
      body,
      "apiKeyId",
    );
  }
  const what = status === 404 ? "not found (404)" : status === 429 ? "rate limited (429)" : `HTTP ${status}`;
  return new ArgyleApiError(
    `${label}: Argyle answered ${what}${tries(attempts)}${detail}`,
    label,
    attempts,
    status,
    body,
  );
}
