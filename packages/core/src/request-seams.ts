import type { ByteBudget } from "./byte-budget.js";

/**
 * The outcome of reading a body: the bytes, or why there are none.
 * @example
 * ```ts
 * const result: BodyResult = await readNodeBody(req, 1024 * 1024, 10_000);
 * if (!result.ok) console.log(result.reason); // "too-large" | "timeout" | "aborted" | "consumed" | "busy"
 * ```
 */
export type BodyResult =
  | { ok: true; body: Uint8Array }
  | {
      ok: false;
      reason: "too-large" | "timeout" | "aborted" | "consumed" | "busy";
      /** For `consumed`: how to fix the setup, in the framework's own terms. */
      hint?: string;
    };

/**
 * What the one request algorithm needs from a framework, five members: the request `method`, one `header` by
 * name, all `headers` (only read when a handler looks at `context.headers`), the client's `remoteAddress` (only
 * read for `allowedIps` and refusal log lines, so a getter costs nothing otherwise) and `readBody` (the raw bytes
 * within a size limit and a read timeout). The answer goes the other way, as the returned `WebhookResponse` the
 * adapter writes. A Node adapter extends `NodeRequestSeams` from `@argyle-webhooks/core/node`; any object with
 * these members works.
 * @example
 * ```ts
 * const seams: RequestSeams = { method: "POST", remoteAddress: undefined, header: (n) => headers[n], headers: () => headers,
 *   readBody: () => ({ ok: true, body: rawBody }) };
 * const response = await webhooks.handle(seams);
 * ```
 */
export interface RequestSeams {
  readonly method: string;
  /** A header by lower-case name. */
  header(name: string): string | readonly string[] | undefined;
  /** All headers, lower-case names (only read when a handler runs). */
  headers(): Record<string, string | undefined>;
  /** The client's address, as the framework reports it (Express `req.ip`, Koa `ctx.ip`, the socket). */
  readonly remoteAddress: string | undefined;
  /**
   * Reads the body within `limit` bytes and `timeoutMs`. A reader that buffers a stream takes each chunk from
   * `budget` (bytes held by all unfinished bodies) and answers `busy` when it is exhausted.
   */
  readBody(limit: number, timeoutMs: number, budget?: ByteBudget): BodyResult | Promise<BodyResult>;
}

/** Joins repeated header values into one line, as Node does for unknown headers. */
export function headerLine(value: string | readonly string[] | undefined): string | undefined {
  return value === undefined || typeof value === "string" ? value : value.join(", ");
}
