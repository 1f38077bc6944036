/**
 * `@argyle-webhooks/core/fetch`: a Fetch API handler (`Request` in, `Response` out) for Next.js route handlers,
 * Hono, Bun, Deno and other Fetch-based runtimes.
 * @module
 */
import { ArgyleWebhooks } from "./argyle-webhooks.js";
import type { ByteBudget } from "./byte-budget.js";
import { ArgyleWebhooksConfigError } from "./errors.js";
import { flatHeaders, headerGetter } from "./header-access.js";
import { FETCH_HANDLER_OPTION_NAMES, unknownKey } from "./option-names.js";
import { pathMatches } from "./path-matches.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import type { ArgyleWebhooksOptions } from "./types.js";

/**
 * Options of the Fetch handler beyond the common ones.
 * @example
 * ```ts
 * createFetchHandler({ secret, allowedIps: ARGYLE_WEBHOOK_IPS }, { getRemoteAddress: (req) => req.headers.get("fly-client-ip") ?? undefined });
 * ```
 */
export interface FetchHandlerOptions {
  /** The client's address for `allowedIps` (Fetch `Request`s do not carry one), e.g. from your platform's API. */
  getRemoteAddress?: (request: Request) => string | undefined;
}

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
 * A Fetch handler. Requests outside `path` (when set) get 404.
 *
 * @example
 * ```ts
 * // app/api/webhooks/argyle/route.ts (Next.js)
 * import { createFetchHandler } from "@argyle-webhooks/core/fetch";
 * export const POST = createFetchHandler({ secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   handlers: { onUsersFullySynced: async (event) => { await sync(event.data.user); } } });
 * ```
 */
export function createFetchHandler(
  options: ArgyleWebhooksOptions | ArgyleWebhooks,
  fetchOptions: FetchHandlerOptions = {},
): (request: Request) => Promise<Response> {
  if (fetchOptions === null || typeof fetchOptions !== "object")
    throw new ArgyleWebhooksConfigError(
      "argyle-webhooks: createFetchHandler's second argument must be an object",
    );
  const unknown = unknownKey(fetchOptions, FETCH_HANDLER_OPTION_NAMES, "Fetch handler option");
  if (unknown) throw new ArgyleWebhooksConfigError(`argyle-webhooks: ${unknown}`);
  const webhooks = options instanceof ArgyleWebhooks ? options : new ArgyleWebhooks(options);
  const path = webhooks.options.path;
  return async (request) => {
    if (path !== undefined && !pathMatches(path, new URL(request.url, "http://localhost").pathname)) {
      return new Response("Not found", { status: 404 });
    }
    let remoteAddress: string | undefined;
    try {
      remoteAddress = fetchOptions.getRemoteAddress?.(request);
    } catch (error) {
      webhooks.options.logger.error?.("getRemoteAddress threw; treating the address as unknown", { error });
    }
    const seams: RequestSeams = {
      method: request.method,
      remoteAddress,
      header: headerGetter(request.headers),
      headers: () => flatHeaders(request.headers),
      readBody: (limit, timeoutMs, budget) => readFetchBody(request, limit, timeoutMs, budget),
    };
    const response = await webhooks.handle(seams);
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
}
