import type { IncomingMessage } from "node:http";
import { type BodyResult, prereadBody } from "@argyle-webhooks/core/node";

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
 * The body an earlier middleware already read, or `undefined` to read the stream. Order: a kept `req.rawBody`,
 * then a `Buffer` or string `req.body` (`express.raw()`, `express.text()`), then "consumed" when the stream has
 * been read and nothing raw is left. The size limit applies to each source.
 */
export function expressPreread(req: ExpressRequestLike, limit: number): BodyResult | undefined {
  if (isBytes(req.rawBody)) return prereadBody(req.rawBody, limit);
  if (isBytes(req.body) && (req._body === true || req.readableEnded)) return prereadBody(req.body, limit);
  if (req._body === true || req.readableEnded)
    return { ok: false, reason: "consumed", hint: EXPRESS_CONSUMED_HINT };
  return undefined;
}
