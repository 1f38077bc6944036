import { type ArgyleWebhookEventName, signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";

/** A signed, pretty-printed delivery of the spec example of `event`, as Argyle sends it. */
export function signedDelivery(
  event: ArgyleWebhookEventName,
  secret: string,
  mutate?: (message: Record<string, unknown>) => void,
) {
  const message = structuredClone(argyleWebhookExamples[event]) as unknown as Record<string, unknown>;
  mutate?.(message);
  const body = JSON.stringify(message, null, 2);
  return {
    body,
    headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(body, secret) },
  };
}

/** Parses a problem+json (or JSON) response body. */
export function json(body: string): Record<string, unknown> {
  return JSON.parse(body) as Record<string, unknown>;
}
