/**
 * `@argyle-webhooks/core/fetch`: a Fetch API handler (`Request` in, `Response` out) for Next.js route handlers,
 * Hono, Bun, Deno and other Fetch-based runtimes.
 * @module
 */
import { ArgyleWebhooks } from "./argyle-webhooks.js";
import { ArgyleWebhooksConfigError } from "./errors.js";
import { FetchRequestSeams, writeFetchResponse } from "./fetch-seams.js";
import { FETCH_HANDLER_OPTION_NAMES, unknownKey } from "./option-names.js";
import { pathMatches } from "./path-matches.js";
import type { ArgyleWebhooksOptions } from "./types.js";

export { FetchRequestSeams, writeFetchResponse } from "./fetch-seams.js";

/**
 * Options of the Fetch handler beyond the common ones.
 * @example
 * ```ts
 * argyleWebhooks({ secret, allowedIps: ARGYLE_WEBHOOK_IPS }, { getRemoteAddress: (req) => req.headers.get("fly-client-ip") ?? undefined });
 * ```
 */
export interface FetchHandlerOptions {
  /** The client's address for `allowedIps` (Fetch `Request`s do not carry one), e.g. from your platform's API. */
  getRemoteAddress?: (request: Request) => string | undefined;
}

/**
 * A Fetch handler. Requests outside `path` (when set) get 404.
 *
 * @example
 * ```ts
 * // app/api/webhooks/argyle/route.ts (Next.js)
 * import { argyleWebhooks } from "@argyle-webhooks/core/fetch";
 * export const POST = argyleWebhooks({ secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   handlers: { onUsersFullySynced: async (event) => { await sync(event.data.user); } } });
 * ```
 */
export function argyleWebhooks(
  options: ArgyleWebhooksOptions | ArgyleWebhooks,
  fetchOptions: FetchHandlerOptions = {},
): (request: Request) => Promise<Response> {
  if (fetchOptions === null || typeof fetchOptions !== "object")
    throw new ArgyleWebhooksConfigError(
      "argyle-webhooks: argyleWebhooks's second argument must be an object",
    );
  const unknown = unknownKey(fetchOptions, FETCH_HANDLER_OPTION_NAMES, "Fetch handler option");
  if (unknown) throw new ArgyleWebhooksConfigError(`argyle-webhooks: ${unknown}`);
  const webhooks = options instanceof ArgyleWebhooks ? options : new ArgyleWebhooks(options);
  const path = webhooks.options.path;
  return async (request) => {
    if (path !== undefined && !pathMatches(path, new URL(request.url, "http://localhost").pathname)) {
      return new Response("Not found", { status: 404 });
    }
    const seams = new FetchRequestSeams(request, fetchOptions.getRemoteAddress, webhooks.options.logger);
    return writeFetchResponse(await webhooks.handle(seams));
  };
}

/**
 * The earlier name of `argyleWebhooks` from this entry, the same function.
 * @deprecated Use `argyleWebhooks` (every adapter's factory has that name; the import path says which framework).
 * @example
 * ```ts
 * import { argyleWebhooks } from "@argyle-webhooks/core/fetch";
 * ```
 */
export const createFetchHandler: typeof argyleWebhooks = argyleWebhooks;
