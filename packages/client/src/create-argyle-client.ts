import { type ArgyleSubscriptionSpec, checkSubscription } from "./check-subscription.js";
import { createTransport, type Transport } from "./create-transport.js";
import { ArgyleApiError, ArgyleClientError, ArgyleSyncError } from "./errors.js";
import {
  assertKnownKeys,
  CLIENT_OPTION_NAMES,
  RETRY_OPTION_NAMES,
  SYNC_OPTION_NAMES,
} from "./option-check.js";
import {
  type ArgyleSyncPlan,
  type ArgyleSyncStep,
  formatSyncPlan,
  planWebhookSync,
} from "./plan-webhook-sync.js";
import { type ArgyleEnvironment, resolveBaseUrl } from "./resolve-base-url.js";
import type { ArgyleRetryOptions } from "./retry-delay.js";
import type {
  ArgyleSubscriptionEvents,
  ArgyleWebhookPage,
  ArgyleWebhookSubscription,
  CreateWebhookInput,
} from "./subscription-types.js";
import { type ArgyleWebhookList, createWebhookList } from "./webhook-list.js";

/**
 * Options of {@link createArgyleClient}.
 *
 * @example
 * ```ts
 * const options: ArgyleClientOptions = { apiKeyId: "…", apiKeySecret: "…", environment: "production", timeoutMs: 10_000 };
 * ```
 */
export interface ArgyleClientOptions {
  /** Argyle API key id (Basic auth user name). */
  readonly apiKeyId: string;
  /** Argyle API key secret (Basic auth password). Never printed. */
  readonly apiKeySecret: string;
  /** `"sandbox"` (default), `"production"`, or a base URL such as `"https://api.argyle.com/v2"`. */
  readonly environment?: ArgyleEnvironment;
  /** Timeout of every HTTP attempt, in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries of idempotent calls on 429, 5xx, network errors and timeouts; `false` disables them. */
  readonly retry?: ArgyleRetryOptions | false;
}

/**
 * Options of `webhooks.sync()`.
 *
 * @example
 * ```ts
 * const options: ArgyleSyncOptions = { prefix: "payroll-service:", dryRun: true, print: (line) => logger.info(line) };
 * ```
 */
export interface ArgyleSyncOptions {
  /** Subscriptions whose name starts with it belong to this service; every desired name must start with it. */
  readonly prefix: string;
  /** Compute and print the plan without changing anything. */
  readonly dryRun?: boolean;
  /** Where the plan is printed (default `console.log`); `false` prints nothing. */
  readonly print?: ((text: string) => void) | false;
}

/**
 * `client.webhooks`: Argyle's `/v2/webhooks` endpoints.
 *
 * @example
 * ```ts
 * const sub = await client.webhooks.create({ events: ["users.fully_synced"], name: "svc:users", url: "https://example.com/hooks" });
 * await client.webhooks.delete(sub.id);
 * ```
 */
export interface ArgyleWebhooksApi {
  /** `POST /v2/webhooks`. Never retried (it is not idempotent). */
  create<const E extends ArgyleSubscriptionEvents>(
    input: CreateWebhookInput<E>,
  ): Promise<ArgyleWebhookSubscription>;
  /** `GET /v2/webhooks`, page after page. */
  list(): ArgyleWebhookList;
  /** `GET /v2/webhooks/{id}`. */
  get(id: string): Promise<ArgyleWebhookSubscription>;
  /** `DELETE /v2/webhooks/{id}`. */
  delete(id: string): Promise<void>;
  /** Makes the subscriptions under `prefix` match `desired`; returns (and prints) the plan. */
  sync(desired: readonly ArgyleSubscriptionSpec[], options: ArgyleSyncOptions): Promise<ArgyleSyncPlan>;
}

/**
 * A client for Argyle's webhook subscription API.
 *
 * @example
 * ```ts
 * for await (const sub of client.webhooks.list()) console.log(sub.name);
 * ```
 */
export interface ArgyleClient {
  /** The API root every request goes to, e.g. `https://api-sandbox.argyle.com/v2`. */
  readonly baseUrl: string;
  readonly webhooks: ArgyleWebhooksApi;
}

const DEFAULT_RETRY = { retries: 2, minDelayMs: 500, maxDelayMs: 10_000 } as const;

/**
 * Creates a typed client for Argyle's `/v2/webhooks` API (HTTP Basic auth, node's built-in `fetch`).
 *
 * @example
 * ```ts
 * import { createArgyleClient } from "@argyle-webhooks/client";
 *
 * const client = createArgyleClient({
 *   apiKeyId: process.env.ARGYLE_API_KEY_ID!,
 *   apiKeySecret: process.env.ARGYLE_API_KEY_SECRET!,
 *   environment: "sandbox",
 * });
 * await client.webhooks.create({
 *   events: ["gigs.partially_synced"],
 *   name: "payroll-service:gigs-60d",
 *   url: "https://example.com/webhooks/argyle",
 *   secret: process.env.ARGYLE_WEBHOOK_SECRET,
 *   config: { days_synced: 60 },
 * });
 * ```
 */
export function createArgyleClient(options: ArgyleClientOptions): ArgyleClient {
  if (options === null || typeof options !== "object")
    throw new TypeError("createArgyleClient needs an options object");
  assertKnownKeys(options, CLIENT_OPTION_NAMES, "createArgyleClient");
  if (options.retry !== undefined && options.retry !== false) {
    if (options.retry === null || typeof options.retry !== "object")
      throw new TypeError("retry must be an object ({ retries, minDelayMs, maxDelayMs }) or false");
    assertKnownKeys(options.retry, RETRY_OPTION_NAMES, "createArgyleClient retry");
  }
  if (typeof options.apiKeyId !== "string" || options.apiKeyId === "")
    throw new TypeError("apiKeyId is required (ARGYLE_API_KEY_ID)");
  if (typeof options.apiKeySecret !== "string" || options.apiKeySecret === "")
    throw new TypeError("apiKeySecret is required (ARGYLE_API_KEY_SECRET)");
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  const retry =
    options.retry === false ? { ...DEFAULT_RETRY, retries: 0 } : { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isInteger(retry.retries) || retry.retries < 0 || retry.retries > 10)
    throw new TypeError(`retry.retries must be an integer from 0 to 10, got ${retry.retries}`);
  const baseUrl = resolveBaseUrl(options.environment ?? "sandbox");
  const transport = createTransport({
    baseUrl,
    apiKeyId: options.apiKeyId,
    apiKeySecret: options.apiKeySecret,
    timeoutMs,
    retry,
    userAgent: "argyle-webhooks-client",
  });
  return { baseUrl, webhooks: createWebhooksApi(transport) };
}

function webhookPath(id: string): string {
  if (typeof id !== "string" || id.trim() === "")
    throw new TypeError("a webhook subscription id is required");
  return `/webhooks/${encodeURIComponent(id)}`;
}

function asSubscription(value: unknown, request: string): ArgyleWebhookSubscription {
  if (!value || typeof value !== "object" || typeof (value as { id?: unknown }).id !== "string") {
    throw new ArgyleClientError(`${request}: Argyle's answer is not a webhook subscription`, request, 1);
  }
  return value as ArgyleWebhookSubscription;
}

function asPage(value: unknown, request: string): ArgyleWebhookPage {
  const page = value as Partial<ArgyleWebhookPage> | undefined;
  if (!page || typeof page !== "object" || !Array.isArray(page.results)) {
    throw new ArgyleClientError(
      `${request}: Argyle's answer is not a page of webhook subscriptions ({ next, previous, results })`,
      request,
      1,
    );
  }
  return {
    next: typeof page.next === "string" && page.next !== "" ? page.next : null,
    previous: page.previous ?? null,
    results: page.results,
  };
}

function requestBody(input: ArgyleSubscriptionSpec): Record<string, unknown> {
  return {
    events: input.events === "*" ? ["*"] : [...input.events],
    name: input.name,
    url: input.url,
    ...(input.secret === undefined ? {} : { secret: input.secret }),
    ...(input.config === undefined ? {} : { config: input.config }),
  };
}

function createWebhooksApi(transport: Transport): ArgyleWebhooksApi {
  const create = async (input: ArgyleSubscriptionSpec) =>
    asSubscription(
      await transport({
        method: "POST",
        path: "/webhooks",
        body: requestBody(input),
        secrets: [input.secret],
      }),
      "POST /webhooks",
    );
  const list = () =>
    createWebhookList(async (next) =>
      asPage(await transport({ method: "GET", path: next ?? "/webhooks" }), "GET /webhooks"),
    );
  const remove = async (id: string) => {
    try {
      await transport({ method: "DELETE", path: webhookPath(id) });
    } catch (error) {
      // A retried DELETE whose first attempt went through finds nothing left: that is success.
      if (error instanceof ArgyleApiError && error.status === 404 && error.attempts > 1) return;
      throw error;
    }
  };

  return {
    create: (input) => create(input as ArgyleSubscriptionSpec),
    list,
    async get(id) {
      return asSubscription(await transport({ method: "GET", path: webhookPath(id) }), "GET /webhooks/{id}");
    },
    delete: remove,
    async sync(desired, options) {
      if (options !== null && typeof options === "object")
        assertKnownKeys(options, SYNC_OPTION_NAMES, "sync");
      const prefix = options?.prefix;
      if (typeof prefix !== "string" || prefix === "")
        throw new TypeError(
          "sync needs a non-empty prefix: only subscriptions named with it are managed (and possibly deleted)",
        );
      const problems: string[] = [];
      const names = new Set<string>();
      for (const spec of desired) {
        if (!spec.name?.startsWith(prefix))
          problems.push(
            `${JSON.stringify(spec.name)} does not start with the prefix ${JSON.stringify(prefix)}`,
          );
        if (names.has(spec.name)) problems.push(`${JSON.stringify(spec.name)} is listed twice`);
        names.add(spec.name);
        for (const problem of checkSubscription(spec))
          problems.push(`${JSON.stringify(spec.name)}: ${problem}`);
      }
      if (problems.length > 0)
        throw new TypeError(`invalid desired subscriptions:\n- ${problems.join("\n- ")}`);

      const existing = await list().toArray();
      const dryRun = options.dryRun === true;
      const plan: ArgyleSyncPlan = {
        prefix,
        dryRun,
        applied: false,
        steps: planWebhookSync(existing, desired, prefix),
      };
      const print = options.print === false ? undefined : (options.print ?? console.log);
      print?.(formatSyncPlan(plan));
      if (dryRun) return plan;

      const byName = new Map(desired.map((spec) => [spec.name, spec]));
      const run = async (step: ArgyleSyncStep) => {
        if (step.action === "create" || step.action === "replace") {
          const spec = byName.get(step.name) as ArgyleSubscriptionSpec;
          // Create before deleting: a short overlap (duplicate deliveries) is better than a gap (lost ones).
          step.createdId = (await create(spec)).id;
        }
        if ((step.action === "replace" || step.action === "delete") && step.id) await remove(step.id);
      };
      const order = ["create", "replace", "delete"] as const;
      for (const action of order) {
        for (const step of plan.steps.filter((s) => s.action === action)) {
          try {
            await run(step);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new ArgyleSyncError(`sync stopped at ${step.action} ${step.name}: ${reason}`, plan, step, {
              cause: error,
            });
          }
        }
      }
      plan.applied = true;
      return plan;
    },
  };
}
