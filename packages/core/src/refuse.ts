import type { Refusal } from "./refusals.js";
import type { ResolvedOptions } from "./resolve-options.js";
import { problemResponse, type WebhookResponse } from "./response.js";

/**
 * Answers a request with a refusal from the table, and logs the same words with the client's address at the
 * refusal's level (`"<status> <title>: <detail>"`). `detail` replaces the table's text where the step has its own.
 * @example
 * ```ts
 * if (seams.method !== "POST") return refuse(options, seams.remoteAddress, REFUSALS.methodNotAllowed);
 * ```
 */
export function refuse(
  options: ResolvedOptions,
  remoteAddress: string | undefined,
  refusal: Refusal,
  detail: string = typeof refusal.detail === "string" ? refusal.detail : refusal.detail(options),
): WebhookResponse {
  if (refusal.level)
    options.logger[refusal.level]?.(`${refusal.status} ${refusal.title}: ${detail}`, { remoteAddress });
  return problemResponse(refusal, detail);
}
