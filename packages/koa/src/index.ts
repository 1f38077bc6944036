/**
 * `@argyle-webhooks/koa`: Argyle webhooks for Koa 2 and 3. Everything from `@argyle-webhooks/core` is re-exported,
 * so one import gives the middleware, the types and the helpers.
 *
 * @example
 * ```ts
 * import { argyleWebhooks } from "@argyle-webhooks/koa";
 * app.use(argyleWebhooks({ path: "/webhooks/argyle", secret: process.env.ARGYLE_WEBHOOK_SECRET, handlers: {} }));
 * ```
 * @module
 */

export * from "@argyle-webhooks/core";
export { type ArgyleKoaMiddleware, argyleWebhooks } from "./argyle-webhooks.js";
export { KOA_CONSUMED_HINT, type KoaContextLike, KoaRequestSeams, writeKoaResponse } from "./koa-seams.js";
