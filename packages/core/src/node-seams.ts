import type { IncomingMessage, ServerResponse } from "node:http";
import { flatHeaders } from "./header-access.js";
import { readNodeBody } from "./read-node-body.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import type { WebhookResponse } from "./response.js";

export { pathMatches } from "./path-matches.js";

/**
 * Seams over a Node request. `preread` lets an adapter supply a body a framework already read
 * (Express `req.body` Buffer, Koa `ctx.request.rawBody`) or explain that it is gone.
 * @example
 * ```ts
 * const response = await webhooks.handle(nodeSeams(req, req.socket.remoteAddress));
 * writeNodeResponse(res, response);
 * ```
 */
export function nodeSeams(
  req: IncomingMessage,
  remoteAddress: string | undefined,
  preread?: (limit: number) => BodyResult | undefined,
): RequestSeams {
  return {
    method: req.method ?? "GET",
    remoteAddress,
    header: (name) => req.headers[name],
    headers: () => flatHeaders(req.headers),
    readBody: (limit, timeoutMs, budget) => preread?.(limit) ?? readNodeBody(req, limit, timeoutMs, budget),
  };
}

/**
 * Writes the algorithm's answer to a Node response (the "write a response" seam). 408 and 503 also close the connection.
 * @example
 * ```ts
 * writeNodeResponse(res, await webhooks.handle(nodeSeams(req, req.socket.remoteAddress)));
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
 * The body given as a buffer or string by an earlier parser, checked against the limit.
 * @example
 * ```ts
 * const result = prereadBody(req.rawBody, 1024 * 1024); // { ok: true, body } or { ok: false, reason: "too-large" }
 * ```
 */
export function prereadBody(body: Uint8Array | string, limit: number): BodyResult {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return bytes.byteLength > limit ? { ok: false, reason: "too-large" } : { ok: true, body: bytes };
}
