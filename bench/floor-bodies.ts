import { createHmac } from "node:crypto";
import { signArgylePayload } from "@argyle-webhooks/core";
import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";

/** The secret every floor benchmark server and receiver uses. */
export const FLOOR_SECRET = "bench-secret";
/** Where every floor benchmark server answers. */
export const FLOOR_PATH = "/webhooks/argyle";

/** A signed delivery: the exact bytes and the headers that go with them. */
export interface SignedBody {
  readonly raw: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * A valid, pretty-printed `gigs.updated` delivery of `size` bytes (ids added to `updated_gigs`, the name padded
 * to the exact size), signed with HMAC-SHA512 as Argyle signs it.
 *
 * @example
 * ```ts
 * const { raw, headers } = argyleDelivery(600); // raw.length === 600, headers["x-argyle-signature"]
 * ```
 */
export function argyleDelivery(size: number, secret = FLOOR_SECRET): SignedBody {
  const base = structuredClone(argyleWebhookExamples["gigs.updated"]);
  const ids: string[] = [];
  const render = (pad: number) =>
    JSON.stringify(
      {
        ...base,
        name: `${base.name}${"-".repeat(pad)}`,
        data: { ...base.data, updated_gigs: ids, updated_count: ids.length },
      },
      null,
      2,
    );
  while (Buffer.byteLength(render(0)) < size - 60)
    ids.push(`0187${String(ids.length).padStart(4, "0")}-35fa-56e2-1a95-f7e4232a4b3a`);
  const raw = Buffer.from(render(Math.max(0, size - Buffer.byteLength(render(0)))));
  return {
    raw,
    headers: { "content-type": "application/json", "x-argyle-signature": signArgylePayload(raw, secret) },
  };
}

/**
 * A GitHub `ping` delivery of `size` bytes signed the way `@octokit/webhooks` verifies (HMAC-SHA256,
 * `x-hub-signature-256`), for its node middleware.
 *
 * @example
 * ```ts
 * const { raw, headers } = octokitPing(600); // headers["x-github-event"] === "ping"
 * ```
 */
export function octokitPing(size: number, secret = FLOOR_SECRET): SignedBody {
  const render = (zen: string) => JSON.stringify({ zen, hook_id: 1, hook: { type: "Repository" } }, null, 2);
  const raw = Buffer.from(
    render("Keep it logically awesome.".padEnd(size - Buffer.byteLength(render("")), ".")),
  );
  return {
    raw,
    headers: {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`,
    },
  };
}
