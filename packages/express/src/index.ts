/**
 * `@argyle-webhooks/express`: Argyle webhooks for Express 4 and 5. Everything from `@argyle-webhooks/core` is
 * re-exported, so one import gives the middleware, the types and the helpers.
 *
 * @example
 * ```ts
 * import { createExpressMiddleware } from "@argyle-webhooks/express";
 * app.use("/webhooks/argyle", createExpressMiddleware({ secret: process.env.ARGYLE_WEBHOOK_SECRET, handlers: {} }));
 * ```
 * @module
 */

export * from "@argyle-webhooks/core";
export {
  type ArgyleExpressMiddleware,
  argyleWebhooks,
  createExpressMiddleware,
} from "./create-express-middleware.js";
export {
  EXPRESS_CONSUMED_HINT,
  type ExpressBodyFields,
  type ExpressRequestLike,
  ExpressRequestSeams,
} from "./express-seams.js";
