import type { ArgyleTraceCarrier } from "@argyle-webhooks/core";

/** The W3C trace context keys; other propagators' keys (B3, baggage) are not stored. */
const KEYS = new Set(["traceparent", "tracestate"]);
/** W3C caps `tracestate` at 32 members; 512 characters covers a realistic header and bounds the job. */
const MAX_VALUE = 512;

/**
 * The part of a delivery's trace context that is stored with its job: `traceparent` and `tracestate` only, printable
 * ASCII, bounded. Undefined when there is nothing to store (telemetry off, or no recording SDK).
 * @example
 * ```ts
 * const trace = storedTraceContext(delivery.traceContext); // { traceparent: "00-…-…-01" } or undefined
 * ```
 */
export function storedTraceContext(
  carrier: ArgyleTraceCarrier | undefined | null,
): Record<string, string> | undefined {
  if (carrier === undefined || carrier === null || typeof carrier !== "object") return undefined;
  let kept: Record<string, string> | undefined;
  for (const key of KEYS) {
    const value = (carrier as Record<string, unknown>)[key];
    if (typeof value === "string" && value.length <= MAX_VALUE && /^[\x20-\x7e]*$/.test(value)) {
      kept ??= {};
      kept[key] = value;
    }
  }
  return kept?.traceparent === undefined ? undefined : kept;
}
