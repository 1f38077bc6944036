/**
 * `@argyle-webhooks/express`: Argyle webhooks for Express 4 and 5. Everything from `@argyle-webhooks/core` is
 * re-exported, so one import gives the middleware, the types and the helpers.
 *
 * @example
 * ```ts
 * import { argyleWebhooks } from "@argyle-webhooks/express";
 * app.use("/webhooks/argyle", argyleWebhooks({ secret: process.env.ARGYLE_WEBHOOK_SECRET, handlers: {} }));
 * ```
 * @module
 */

export * from "@argyle-webhooks/core";
export {
  type ArgyleExpressMiddleware,
  argyleWebhooks,
} from "./argyle-webhooks.js";
export {
  EXPRESS_CONSUMED_HINT,
  type ExpressBodyFields,
  type ExpressRequestLike,
  ExpressRequestSeams,
} from "./express-seams.js";
