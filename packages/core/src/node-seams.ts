import type { IncomingMessage, ServerResponse } from "node:http";
import type { ByteBudget } from "./byte-budget.js";
import { flatHeaders } from "./header-access.js";
import { readNodeBody } from "./read-node-body.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import type { WebhookResponse } from "./response.js";

export { pathMatches } from "./path-matches.js";

/**
 * The request seams over a Node `IncomingMessage`, one object per request whose members read the request only
 * when the algorithm asks (the client address only for `allowedIps` or a refusal's log line). An adapter over a
 * framework built on Node's request extends it: override `remoteAddress` with the framework's own idea of the
 * client (Express `req.ip`, Koa `ctx.ip`) and `bodyReadEarlier` with the bytes a body parser already took.
 * @example
 * ```ts
 * class MySeams extends NodeRequestSeams {
 *   override bodyReadEarlier(limit: number) {
 *     const raw = (this.req as { rawBody?: Buffer }).rawBody;
 *     return raw ? alreadyReadBody(raw, limit) : undefined;
 *   }
 * }
 * writeNodeResponse(res, await webhooks.handle(new MySeams(req)));
 * ```
 */
export class NodeRequestSeams<Request extends IncomingMessage = IncomingMessage> implements RequestSeams {
  constructor(readonly req: Request) {}

  get method(): string {
    return this.req.method ?? "GET";
  }

  /** The socket's peer address; read only when needed. */
  get remoteAddress(): string | undefined {
    return this.req.socket?.remoteAddress;
  }

  header(name: string): string | readonly string[] | undefined {
    return this.req.headers[name];
  }

  headers(): Record<string, string | undefined> {
    return flatHeaders(this.req.headers);
  }

  readBody(limit: number, timeoutMs: number, budget?: ByteBudget): BodyResult | Promise<BodyResult> {
    return this.bodyReadEarlier(limit) ?? readNodeBody(this.req, limit, timeoutMs, budget);
  }

  /**
   * The body an earlier middleware already read (checked against `limit`, e.g. with `alreadyReadBody`), a
   * `consumed` result when it read the stream and kept nothing, or `undefined` to read the stream. None here.
   */
  bodyReadEarlier(_limit: number): BodyResult | undefined {
    return undefined;
  }
}

/** `nodeSeams()`'s seams: the address and the earlier body given by the caller. */
class GivenNodeSeams extends NodeRequestSeams {
  constructor(
    req: IncomingMessage,
    private readonly address: string | undefined,
    private readonly earlier: ((limit: number) => BodyResult | undefined) | undefined,
  ) {
    super(req);
  }

  override get remoteAddress(): string | undefined {
    return this.address;
  }

  override bodyReadEarlier(limit: number): BodyResult | undefined {
    return this.earlier?.(limit);
  }
}

/**
 * Seams over a Node request with the client address and an earlier body given up front.
 * @deprecated Use `new NodeRequestSeams(req)`, or a subclass that overrides `remoteAddress` and `bodyReadEarlier`.
 * @example
 * ```ts
 * const response = await webhooks.handle(nodeSeams(req, req.socket.remoteAddress));
 * writeNodeResponse(res, response);
 * ```
 */
export function nodeSeams(
  req: IncomingMessage,
  remoteAddress: string | undefined,
  bodyReadEarlier?: (limit: number) => BodyResult | undefined,
): RequestSeams {
  return new GivenNodeSeams(req, remoteAddress, bodyReadEarlier);
}

/**
 * Writes the algorithm's answer to a Node response (the "write a response" seam). 408 and 503 also close the connection.
 * @example
 * ```ts
 * writeNodeResponse(res, await webhooks.handle(new NodeRequestSeams(req)));
 * ```
 */
export function writeNodeResponse(res: ServerResponse, response: WebhookResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = {
    ...response.headers,
    "content-length": String(Buffer.byteLength(response.body)),
  };
  if (response.status === 408 || response.status === 503) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/**
 * A body an earlier parser already read (a buffer, or a string encoded as UTF-8) as a read result: the bytes, or
 * `too-large` over `limit`.
 * @example
 * ```ts
 * const result = alreadyReadBody(req.rawBody, 1024 * 1024); // { ok: true, body } or { ok: false, reason: "too-large" }
 * ```
 */
export function alreadyReadBody(body: Uint8Array | string, limit: number): BodyResult {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return bytes.byteLength > limit ? { ok: false, reason: "too-large" } : { ok: true, body: bytes };
}

/**
 * The old name of `alreadyReadBody`.
 * @deprecated Use `alreadyReadBody`, the same function.
 * @example
 * ```ts
 * const result = prereadBody(req.rawBody, 1024 * 1024);
 * ```
 */
export const prereadBody: (body: Uint8Array | string, limit: number) => BodyResult = alreadyReadBody;
