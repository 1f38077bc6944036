import { ArgyleWebhooks, type ArgyleWebhooksOptions } from "@argyle-webhooks/core";
import { pathMatches } from "@argyle-webhooks/core/node";
import { type KoaContextLike, KoaRequestSeams, writeKoaResponse } from "./koa-seams.js";

/**
 * Koa middleware that receives Argyle webhooks; `webhooks` is the instance it runs.
 * @example
 * ```ts
 * const middleware: ArgyleKoaMiddleware = argyleWebhooks({ secret, path: "/webhooks/argyle" });
 * middleware.webhooks.onGigsAdded((event) => console.log(event.data.added_count));
 * app.use(middleware);
 * ```
 */
export interface ArgyleKoaMiddleware {
  (ctx: KoaContextLike, next: () => Promise<unknown>): Promise<void>;
  /** The `ArgyleWebhooks` instance: add listeners with `on()`, `onError()`, … */
  readonly webhooks: ArgyleWebhooks;
}

/**
 * Koa 2 and 3 middleware: verifies `X-Argyle-Signature` over the raw body, validates the message against Argyle's
 * spec, calls your typed handlers and sets `ctx.status`/`ctx.body` (200, 202, 4xx or 500 as problem+json). It reads
 * the body itself, or uses `ctx.request.rawBody` when `@koa/bodyparser` or `koa-bodyparser` ran first.
 * With `path`, other paths go to `next()`; without it, it answers every request it is given (use it under a router).
 *
 * @example
 * ```ts
 * import Koa from "koa";
 * import { argyleWebhooks } from "@argyle-webhooks/koa";
 * const app = new Koa();
 * app.use(argyleWebhooks({
 *   path: "/webhooks/argyle",
 *   secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   handlers: { onAccountsConnected: async (event) => console.log(event.data.account) },
 * }));
 * app.listen(3000);
 * ```
 */
export function argyleWebhooks(options: ArgyleWebhooksOptions | ArgyleWebhooks): ArgyleKoaMiddleware {
  const webhooks = options instanceof ArgyleWebhooks ? options : new ArgyleWebhooks(options);
  const path = webhooks.options.path;
  const middleware = async (ctx: KoaContextLike, next: () => Promise<unknown>) => {
    if (!pathMatches(path, ctx.path)) {
      await next();
      return;
    }
    writeKoaResponse(ctx, await webhooks.handle(new KoaRequestSeams(ctx)));
  };
  return Object.assign(middleware, { webhooks });
}
