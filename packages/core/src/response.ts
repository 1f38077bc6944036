/**
 * What the algorithm answers; an adapter writes it to its framework's response.
 * @example
 * ```ts
 * const { status, headers, body }: WebhookResponse = await webhooks.receive({ rawBody, headers: req.headers });
 * res.writeHead(status, headers).end(body);
 * ```
 */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text (`application/json` or `application/problem+json`). */
  body: string;
}

/** Fields of an RFC 9457 problem document, plus our extensions. */
export interface Problem {
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** Stable problem `type` of each status we answer, so clients can branch on it. */
const PROBLEM_TYPES: Record<number, string> = {
  400: "urn:argyle-webhooks:problem:malformed-message",
  401: "urn:argyle-webhooks:problem:invalid-signature",
  403: "urn:argyle-webhooks:problem:forbidden-source",
  405: "urn:argyle-webhooks:problem:method-not-allowed",
  408: "urn:argyle-webhooks:problem:body-timeout",
  413: "urn:argyle-webhooks:problem:body-too-large",
  415: "urn:argyle-webhooks:problem:unsupported-media-type",
  422: "urn:argyle-webhooks:problem:invalid-payload",
  500: "urn:argyle-webhooks:problem:internal",
  503: "urn:argyle-webhooks:problem:store-unavailable",
};

/**
 * An `application/problem+json` response. Callers pass only their own fixed text: never a secret, a signature
 * or an error's stack.
 */
export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): WebhookResponse {
  const doc = { type: PROBLEM_TYPES[status] ?? "about:blank", title, status, detail, ...extra };
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  if (status === 405) headers.allow = "POST";
  return { status, headers, body: JSON.stringify(doc) };
}

const OK = JSON.stringify({ ok: true });
const ACCEPTED = JSON.stringify({ ok: true, pending: true });
const DUPLICATE = JSON.stringify({ ok: true, duplicate: true });

const SUCCESS = {
  ok: Object.freeze({
    status: 200,
    headers: Object.freeze({ "content-type": "application/json" }),
    body: OK,
  }),
  accepted: Object.freeze({
    status: 202,
    headers: Object.freeze({ "content-type": "application/json" }),
    body: ACCEPTED,
  }),
  duplicate: Object.freeze({
    status: 200,
    headers: Object.freeze({ "content-type": "application/json" }),
    body: DUPLICATE,
  }),
} as const;

/** 200 after every handler finished, 202 when they are still running, 200 for a recognised duplicate (shared, frozen). */
export function success(kind: "ok" | "accepted" | "duplicate"): WebhookResponse {
  return SUCCESS[kind] as WebhookResponse;
}
