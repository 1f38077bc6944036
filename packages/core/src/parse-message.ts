import type { RefusalName } from "./refusals.js";

/**
 * A verified body that is a webhook message: a string `event` and an object `data`.
 * @example
 * ```ts
 * const message: WebhookMessage = { event: "gigs.added", data: { account: "a1" } };
 * ```
 */
export interface WebhookMessage {
  event: string;
  name?: unknown;
  data: Record<string, unknown>;
}

/**
 * Parses the decoded body (`undefined`: not UTF-8) as a message, or names the refusal that says why it is not one.
 * @example
 * ```ts
 * const message = parseMessage('{"event":"gigs.added","data":{}}'); // the object; parseMessage("[]") is "notObject"
 * ```
 */
export function parseMessage(text: string | undefined): WebhookMessage | RefusalName {
  if (text === undefined) return "notUtf8";
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "notJson";
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "notObject";
  const m = value as Record<string, unknown>;
  if (typeof m.event !== "string") return "noEvent";
  if (m.data === null || typeof m.data !== "object" || Array.isArray(m.data)) return "noData";
  return m as unknown as WebhookMessage;
}
