import type { ByteBudget } from "./byte-budget.js";
import { flatHeaders } from "./header-access.js";
import type { ArgyleWebhooksLogger } from "./logger.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import type { WebhookResponse } from "./response.js";

/** Reads a Fetch body within `limit` bytes and one deadline for the whole body; never rejects. */
async function readFetchBody(
  request: Request,
  limit: number,
  timeoutMs: number,
  budget: ByteBudget | undefined,
): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too-large" };
  if (request.bodyUsed)
    return {
      ok: false,
      reason: "consumed",
      hint: "The Request body was already read. Pass the original Request to the handler, or clone() it before reading.",
    };
  if (!request.body) return { ok: true, body: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let held = 0;
  let timedOut = false;
  // One timer for the whole body: it cancels the reader, which ends the pending read.
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel().catch(() => {});
  }, timeoutMs);
  try {
    for (;;) {
      const next = await reader.read();
      if (timedOut) return { ok: false, reason: "timeout" };
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: "too-large" };
      }
      if (budget && !budget.take(next.value.byteLength)) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: "busy" };
      }
      held += next.value.byteLength;
      chunks.push(next.value);
    }
  } catch {
    return timedOut ? { ok: false, reason: "timeout" } : { ok: false, reason: "aborted" };
  } finally {
    clearTimeout(timer);
    budget?.give(held);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return { ok: true, body };
}

/**
 * The request seams over a Fetch `Request`, one object per request. `Request`s carry no client address: the
 * `getRemoteAddress` option supplies it, called only when the address is needed (`allowedIps`, a refusal's log
 * line) and at most once; if it throws, the address is unknown and the error is logged.
 * @example
 * ```ts
 * const response = await webhooks.handle(new FetchRequestSeams(request, (r) => r.headers.get("cf-connecting-ip") ?? undefined));
 * return writeFetchResponse(response);
 * ```
 */
export class FetchRequestSeams implements RequestSeams {
  #address: string | undefined;
  #addressRead = false;

  constructor(
    readonly request: Request,
    private readonly getRemoteAddress?: (request: Request) => string | undefined,
    private readonly logger?: ArgyleWebhooksLogger,
  ) {}

  get method(): string {
    return this.request.method;
  }

  get remoteAddress(): string | undefined {
    if (!this.#addressRead) {
      this.#addressRead = true;
      try {
        this.#address = this.getRemoteAddress?.(this.request);
      } catch (error) {
        this.logger?.error?.("getRemoteAddress threw; treating the address as unknown", { error });
      }
    }
    return this.#address;
  }

  header(name: string): string | undefined {
    return this.request.headers.get(name) ?? undefined;
  }

  headers(): Record<string, string | undefined> {
    return flatHeaders(this.request.headers);
  }

  readBody(limit: number, timeoutMs: number, budget?: ByteBudget): Promise<BodyResult> {
    return readFetchBody(this.request, limit, timeoutMs, budget);
  }
}

/**
 * The algorithm's answer as a Fetch `Response`.
 * @example
 * ```ts
 * return writeFetchResponse(await webhooks.handle(new FetchRequestSeams(request)));
 * ```
 */
export function writeFetchResponse(response: WebhookResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}
