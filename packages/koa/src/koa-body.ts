import type { IncomingMessage } from "node:http";
import { type BodyResult, prereadBody } from "@argyle-webhooks/core/node";

/**
 * The parts of a Koa context the middleware uses (Koa 2 and 3).
 * @example
 * ```ts
 * router.post("/webhooks/argyle", (ctx: KoaContextLike, next) => argyleWebhooks({ secret })(ctx, next));
 * ```
 */
export interface KoaContextLike {
  req: IncomingMessage;
  /** The client address, honouring `app.proxy`. */
  ip: string;
  /** The path, without the query (relative to a `koa-mount` mount point; `@koa/router` prefixes do not change it). */
  path: string;
  request: {
    /** Set by `@koa/bodyparser` and `koa-bodyparser`: the body text as received. */
    rawBody?: unknown;
    /** The parsed body, set by a body parser. */
    body?: unknown;
  };
  status: number;
  body: unknown;
  set(field: string, value: string): void;
}

/**
 * Shown when a body parser consumed the body before the middleware and kept no raw text.
 * @example
 * ```ts
 * if (JSON.parse(String(ctx.body)).detail === KOA_CONSUMED_HINT) console.error("mount argyleWebhooks() before the body parser");
 * ```
 */
export const KOA_CONSUMED_HINT =
  "A body parser read the request body before argyleWebhooks() and kept no raw text (ctx.request.rawBody), so the " +
  "signature cannot be checked. Mount argyleWebhooks() before the body parser, or use @koa/bodyparser / " +
  "koa-bodyparser, which keep ctx.request.rawBody.";

/**
 * The body an earlier middleware already read, or `undefined` to read the stream: `ctx.request.rawBody` when a
 * body parser kept it, "consumed" when the stream has been read and nothing raw is left. The size limit applies.
 * `rawBody` is text decoded by the parser: a body with a byte-order mark or invalid UTF-8 does not survive it
 * and fails the signature (401); mount the middleware before the parser to verify the bytes themselves.
 */
export function koaPreread(ctx: KoaContextLike, limit: number): BodyResult | undefined {
  const raw = ctx.request.rawBody;
  if (typeof raw === "string" || raw instanceof Uint8Array) return prereadBody(raw, limit);
  // Only the stream tells: koa-bodyparser sets `body = {}` without reading for types it does not parse.
  if (ctx.req.readableEnded) return { ok: false, reason: "consumed", hint: KOA_CONSUMED_HINT };
  return undefined;
}
