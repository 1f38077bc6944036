import type { Refusal } from "./refusals.js";
import { REFUSALS } from "./refusals.js";
import { refuse } from "./refuse.js";
import type { BodyResult } from "./request-seams.js";
import type { ResolvedOptions } from "./resolve-options.js";
import type { WebhookResponse } from "./response.js";

type BodyFailure = Extract<BodyResult, { ok: false }>;

const BY_REASON: Record<BodyFailure["reason"], Refusal> = {
  "too-large": REFUSALS.bodyTooLarge,
  timeout: REFUSALS.bodyTimeout,
  busy: REFUSALS.busy,
  aborted: REFUSALS.bodyAborted,
  consumed: REFUSALS.rawBodyUnavailable,
};

/**
 * The refusal of a body that could not be read: too large, too slow, over `pendingLimit`, aborted, or consumed by an
 * earlier parser (with the adapter's hint on how to fix the setup).
 * @example
 * ```ts
 * const read = await seams.readBody(options.limit, options.readTimeoutMs, budget);
 * if (!read.ok) return refuseBody(options, seams.remoteAddress, read); // 413, 408, 503, 400 or 500
 * ```
 */
export function refuseBody(
  options: ResolvedOptions,
  remoteAddress: string | undefined,
  failure: BodyFailure,
): WebhookResponse {
  const refusal = BY_REASON[failure.reason] ?? REFUSALS.rawBodyUnavailable;
  return refusal === REFUSALS.rawBodyUnavailable
    ? refuse(options, remoteAddress, refusal, failure.hint ?? REFUSALS.rawBodyUnavailable.detail)
    : refuse(options, remoteAddress, refusal);
}
