import type { IncomingMessage } from "node:http";
import type { WebhookResponse } from "@argyle-webhooks/core";
import { alreadyReadBody, type BodyResult, NodeRequestSeams } from "@argyle-webhooks/core/node";

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
 * The request seams over a Koa context: the client address is `ctx.ip` (Koa's `app.proxy` applies), and the body
 * is `ctx.request.rawBody` when a body parser kept it, "consumed" when the stream was read and nothing raw is
 * left, else the stream itself. The size limit applies. `rawBody` is text decoded by the parser: a body with a
 * byte-order mark or invalid UTF-8 does not survive it and fails the signature (401); mount the middleware before
 * the parser to verify the bytes themselves.
 * @example
 * ```ts
 * writeKoaResponse(ctx, await webhooks.handle(new KoaRequestSeams(ctx)));
 * ```
 */
export class KoaRequestSeams extends NodeRequestSeams {
  constructor(readonly ctx: KoaContextLike) {
    super(ctx.req);
  }

  override get remoteAddress(): string | undefined {
    return this.ctx.ip || this.req.socket?.remoteAddress;
  }

  override bodyReadEarlier(limit: number): BodyResult | undefined {
    const raw = this.ctx.request.rawBody;
    if (typeof raw === "string" || raw instanceof Uint8Array) return alreadyReadBody(raw, limit);
    // Only the stream tells: koa-bodyparser sets `body = {}` without reading for types it does not parse.
    if (this.req.readableEnded) return { ok: false, reason: "consumed", hint: KOA_CONSUMED_HINT };
    return undefined;
  }
}

/**
 * Writes the algorithm's answer to a Koa context (status, headers, body). 408 and 503 also close the connection.
 * @example
 * ```ts
 * writeKoaResponse(ctx, await webhooks.handle(new KoaRequestSeams(ctx)));
 * ```
 */
export function writeKoaResponse(ctx: KoaContextLike, response: WebhookResponse): void {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
  if (response.status === 408 || response.status === 503) ctx.set("Connection", "close");
  ctx.body = response.body;
}
