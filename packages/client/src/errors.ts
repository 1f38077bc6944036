import type { ArgyleSyncPlan, ArgyleSyncStep } from "./plan-webhook-sync.js";

/**
 * Base class of every error this client throws for a call to Argyle's API.
 *
 * @example
 * ```ts
 * try { await client.webhooks.list().toArray(); } catch (e) { if (e instanceof ArgyleClientError) console.error(e.message); }
 * ```
 */
export class ArgyleClientError extends Error {
  override readonly name: string = "ArgyleClientError";
  constructor(
    message: string,
    /** `METHOD path` of the call, e.g. `GET /webhooks`. */
    readonly request: string,
    /** How many HTTP attempts were made (more than 1 after retries). */
    readonly attempts: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Argyle answered with a non-2xx status. `body` is the response text (truncated, secrets masked).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ArgyleApiError && e.status === 404) return undefined; throw e; }
 * ```
 */
export class ArgyleApiError extends ArgyleClientError {
  override readonly name: string = "ArgyleApiError";
  constructor(
    message: string,
    request: string,
    attempts: number,
    readonly status: number,
    readonly body: string,
  ) {
    super(message, request, attempts);
  }
}

/**
 * Argyle rejected the request body (400). `fields` maps each field to Argyle's messages, e.g.
 * `{ config: ["only allowed for accounts.added, ..."] }`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ArgyleValidationError) console.error(e.fields.config?.join("; ")); }
 * ```
 */
export class ArgyleValidationError extends ArgyleApiError {
  override readonly name: string = "ArgyleValidationError";
  constructor(
    message: string,
    request: string,
    attempts: number,
    body: string,
    readonly fields: Readonly<Record<string, readonly string[]>>,
  ) {
    super(message, request, attempts, 400, body);
  }
}

/**
 * Argyle refused the API key (401) or its permissions (403). `credential` names what to check; the message
 * never contains the secret.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ArgyleAuthError) console.error(`check ${e.credential}`); }
 * ```
 */
export class ArgyleAuthError extends ArgyleApiError {
  override readonly name: string = "ArgyleAuthError";
  constructor(
    message: string,
    request: string,
    attempts: number,
    status: number,
    body: string,
    /** `"apiKeyId/apiKeySecret"` for 401 (the pair was not accepted), `"apiKeyId"` for 403 (the key lacks access). */
    readonly credential: "apiKeyId/apiKeySecret" | "apiKeyId",
  ) {
    super(message, request, attempts, status, body);
  }
}

/**
 * No answer from Argyle within `timeoutMs` (after the allowed retries, for idempotent calls).
 *
 * @example
 * ```ts
 * const client = createArgyleClient({ apiKeyId, apiKeySecret, timeoutMs: 5_000 });
 * catch (e) { if (e instanceof ArgyleTimeoutError) console.error(e.timeoutMs); }
 * ```
 */
export class ArgyleTimeoutError extends ArgyleClientError {
  override readonly name: string = "ArgyleTimeoutError";
  constructor(
    message: string,
    request: string,
    attempts: number,
    readonly timeoutMs: number,
  ) {
    super(message, request, attempts);
  }
}

/**
 * The connection to Argyle failed (DNS, refused, reset), after the allowed retries for idempotent calls.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ArgyleNetworkError) console.error(e.cause); }
 * ```
 */
export class ArgyleNetworkError extends ArgyleClientError {
  override readonly name: string = "ArgyleNetworkError";
}

/**
 * A `webhooks.sync()` step failed after the plan was computed. `plan` tells which steps ran (`createdId` set,
 * deletions before `failedStep`); `cause` is the API error. Running `sync` again resumes from the new state.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof ArgyleSyncError) console.error(e.failedStep.name, e.cause); }
 * ```
 */
export class ArgyleSyncError extends Error {
  override readonly name = "ArgyleSyncError";
  constructor(
    message: string,
    readonly plan: ArgyleSyncPlan,
    readonly failedStep: ArgyleSyncStep,
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}
