import type { ServerResponse } from "node:http";
import { ArgyleWebhooks, type ArgyleWebhooksOptions } from "@argyle-webhooks/core";
import { pathMatches, writeNodeResponse } from "@argyle-webhooks/core/node";
import { type ExpressRequestLike, ExpressRequestSeams } from "./express-seams.js";

/**
 * Express middleware that receives Argyle webhooks; `webhooks` is the instance it runs.
 * @example
 * ```ts
 * const middleware: ArgyleExpressMiddleware = argyleWebhooks({ secret, handlers });
 * middleware.webhooks.onError((error) => console.error(error));
 * app.use("/webhooks/argyle", middleware);
 * ```
 */
export interface ArgyleExpressMiddleware {
  (req: ExpressRequestLike, res: ServerResponse, next: (error?: unknown) => void): Promise<void>;
  /** The `ArgyleWebhooks` instance: add listeners with `on()`, `onError()`, … */
  readonly webhooks: ArgyleWebhooks;
}

/**
 * Express 4 and 5 middleware: verifies `X-Argyle-Signature` over the raw body, validates the message against
 * Argyle's spec, calls your typed handlers and answers (200, 202, 4xx or 500 as problem+json). It reads the body
 * itself, or uses the bytes an earlier `express.raw()`/`express.text()` or a `verify` hook kept.
 * With `path`, other paths go to `next()`; without it, it answers every request it is given.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { argyleWebhooks } from "@argyle-webhooks/express";
 * const app = express();
 * app.use("/webhooks/argyle", argyleWebhooks({
 *   secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   handlers: { onGigsPartiallySynced: async (event) => console.log(event.data.days_synced) },
 * }));
 * app.listen(3000);
 * ```
 */
export function argyleWebhooks(options: ArgyleWebhooksOptions | ArgyleWebhooks): ArgyleExpressMiddleware {
  const webhooks = options instanceof ArgyleWebhooks ? options : new ArgyleWebhooks(options);
  const path = webhooks.options.path;
  let warnedAboutMount = false;
  const middleware = async (
    req: ExpressRequestLike,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => {
    if (!pathMatches(path, req.url)) {
      if (
        !warnedAboutMount &&
        path !== undefined &&
        req.baseUrl &&
        pathMatches(path, req.baseUrl + (req.url ?? ""))
      ) {
        warnedAboutMount = true;
        webhooks.options.logger.warn?.(
          `argyleWebhooks({ path: "${path}" }) is mounted at "${req.baseUrl}", and Express strips the mount path: drop the path option (or use app.use(argyleWebhooks({ path })) at the root)`,
        );
      }
      next();
      return;
    }
    writeNodeResponse(res, await webhooks.handle(new ExpressRequestSeams(req)));
  };
  return Object.assign(middleware, { webhooks });
}
