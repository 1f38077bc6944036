import type { Refusal } from "./refusals.js";

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

/**
 * The `application/problem+json` answer of a refusal: its type, title and status, the detail (the refusal's own
 * text unless the step gives one), extension members, then headers. Never holds a secret, a signature or a stack.
 * @example
 * ```ts
 * const response = problemResponse(REFUSALS.methodNotAllowed); // 405, Allow: POST
 * ```
 */
export function problemResponse(
  refusal: Refusal,
  detail: string = typeof refusal.detail === "string" ? refusal.detail : refusal.title,
  extra?: Record<string, unknown>,
  headers: Readonly<Record<string, string>> | undefined = refusal.headers,
): WebhookResponse {
  const doc = { type: refusal.type, title: refusal.title, status: refusal.status, detail, ...extra };
  return {
    status: refusal.status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: JSON.stringify(doc),
  };
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
