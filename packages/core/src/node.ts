/**
 * `@argyle-webhooks/core/node`: a handler for `node:http` servers (and anything that passes Node's req/res).
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ArgyleWebhooks } from "./argyle-webhooks.js";
import { NodeRequestSeams, pathMatches, writeNodeResponse } from "./node-seams.js";
import type { ArgyleWebhooksOptions } from "./types.js";

export type { ByteBudget } from "./byte-budget.js";
export {
  alreadyReadBody,
  NodeRequestSeams,
  nodeSeams,
  pathMatches,
  prereadBody,
  writeNodeResponse,
} from "./node-seams.js";
export { readNodeBody } from "./read-node-body.js";
export type { BodyResult, RequestSeams } from "./request-seams.js";

/**
 * A `node:http` request listener; `next` is called for requests outside `path` (404 without one).
 * @example
 * ```ts
 * const handler: ArgyleNodeHandler = argyleWebhooks({ secret, path: "/webhooks/argyle" });
 * createServer(handler).listen(3000);
 * ```
 */
export type ArgyleNodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/**
 * Receives Argyle webhooks on a plain `node:http` server.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { argyleWebhooks } from "@argyle-webhooks/core/node";
 * const handler = argyleWebhooks({ secret: process.env.ARGYLE_WEBHOOK_SECRET, path: "/webhooks/argyle",
 *   handlers: { onAccountsConnected: (event) => console.log(event.data.account) } });
 * createServer(handler).listen(3000);
 * ```
 */
export function argyleWebhooks(options: ArgyleWebhooksOptions | ArgyleWebhooks): ArgyleNodeHandler {
  const webhooks = options instanceof ArgyleWebhooks ? options : new ArgyleWebhooks(options);
  const path = webhooks.options.path;
  return async (req, res, next) => {
    if (!pathMatches(path, req.url)) {
      if (next) next();
      else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("Not found");
      }
      return;
    }
    const response = await webhooks.handle(new NodeRequestSeams(req));
    writeNodeResponse(res, response);
  };
}

/**
 * The earlier name of `argyleWebhooks` from this entry, the same function.
 * @deprecated Use `argyleWebhooks` (every adapter's factory has that name; the import path says which framework).
 * @example
 * ```ts
 * import { argyleWebhooks } from "@argyle-webhooks/core/node";
 * ```
 */
export const createNodeHandler: typeof argyleWebhooks = argyleWebhooks;
