import type { IncomingMessage } from "node:http";
import { alreadyReadBody, type BodyResult, NodeRequestSeams } from "@argyle-webhooks/core/node";

/**
 * What an Express request may carry after other middleware ran (structural, so Express's own types are not needed).
 * @example
 * ```ts
 * app.use(express.json({ verify: (req, _res, buf) => { (req as ExpressRequestLike).rawBody = buf; } }));
 * ```
 */
export type ExpressRequestLike = IncomingMessage & ExpressBodyFields;

/**
 * The fields body parsers and Express add to a request.
 * @example
 * ```ts
 * const fields: ExpressBodyFields = { rawBody: Buffer.from("{}"), ip: "127.0.0.1" };
 * ```
 */
export interface ExpressBodyFields {
  /** Set by `express.json()`/`raw()`/`text()` (body-parser) or by your own middleware. */
  body?: unknown;
  /** The raw bytes kept by a `verify` hook: `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })`. */
  rawBody?: unknown;
  /** The client address, honouring Express's `trust proxy` setting. */
  ip?: string | undefined;
  /** The mount path (`app.use(path, ...)`), which Express strips from `url`. */
  baseUrl?: string;
  /** body-parser's marker that it has read the stream. */
  _body?: unknown;
}

/**
 * Shown when a body parser consumed the body before the middleware and kept no raw bytes.
 * @example
 * ```ts
 * if (JSON.parse(response.body).detail === EXPRESS_CONSUMED_HINT) console.error("fix the body-parser order");
 * ```
 */
export const EXPRESS_CONSUMED_HINT =
  "A body parser (such as express.json()) read the request body before argyleWebhooks() and kept no raw bytes, so the " +
  "signature cannot be checked. Mount argyleWebhooks() before express.json(), or keep the raw body with " +
  "express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).";

const isBytes = (value: unknown): value is Uint8Array | string =>
  value instanceof Uint8Array || typeof value === "string";

/**
 * The request seams over an Express request: the client address is `req.ip` (Express's `trust proxy` applies),
 * and the body is the one an earlier middleware kept, in this order: `req.rawBody` (a `verify` hook), a `Buffer`
 * or string `req.body` (`express.raw()`, `express.text()`), "consumed" when the stream was read and nothing raw
 * is left, else the stream itself. The size limit applies to each source.
 * @example
 * ```ts
 * writeNodeResponse(res, await webhooks.handle(new ExpressRequestSeams(req)));
 * ```
 */
export class ExpressRequestSeams extends NodeRequestSeams<ExpressRequestLike> {
  override get remoteAddress(): string | undefined {
    return this.req.ip ?? this.req.socket?.remoteAddress;
  }

  override bodyReadEarlier(limit: number): BodyResult | undefined {
    const req = this.req;
    if (isBytes(req.rawBody)) return alreadyReadBody(req.rawBody, limit);
    if (isBytes(req.body) && (req._body === true || req.readableEnded))
      return alreadyReadBody(req.body, limit);
    if (req._body === true || req.readableEnded)
      return { ok: false, reason: "consumed", hint: EXPRESS_CONSUMED_HINT };
    return undefined;
  }
}
