import { createByteBudget } from "./byte-budget.js";
import type { ArgyleCheckedSelector, ArgyleSelectedEvent } from "./event-selector.js";
import {
  ArgyleEventMethods,
  type ArgyleWebhookEventMap,
  type ArgyleWebhookEventName,
  argyleHandlerNames,
} from "./generated/index.js";
import { handleRequest } from "./handle-request.js";
import { flatHeaders, headerGetter } from "./header-access.js";
import { brandArgyleWebhooks, hasArgyleWebhooksBrand } from "./instance-brand.js";
import type { AnyListener } from "./invoke-all.js";
import { ANY, ERROR, INVALID, Listeners, UNKNOWN } from "./listeners.js";
import { loadValidators } from "./load-validators.js";
import { RECEIVE_INPUT_NAMES, unknownKey } from "./option-names.js";
import type { ReceiverState } from "./receiver-state.js";
import { REFUSALS } from "./refusals.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import { type ResolvedOptions, resolveOptions } from "./resolve-options.js";
import { problemResponse, type WebhookResponse } from "./response.js";
import { runStoredDelivery } from "./run-stored-delivery.js";
import { matchSignature, parseSignatureHeader } from "./signature.js";
import type {
  ArgyleAnyHandler,
  ArgyleErrorHandler,
  ArgyleFamilyWildcard,
  ArgyleInvalidHandler,
  ArgyleUnknownHandler,
  ArgyleWebhookContext,
  ArgyleWebhooksOptions,
} from "./types.js";

/**
 * Input of `receive()`: a request as plain data, for frameworks without an adapter and for tests.
 * @example
 * ```ts
 * const input: ReceiveInput = { rawBody: await request.arrayBuffer().then((b) => new Uint8Array(b)), headers: request.headers };
 * const { status, body } = await webhooks.receive(input);
 * ```
 */
export interface ReceiveInput {
  /** The body exactly as received. */
  rawBody: Uint8Array | string;
  /** Request headers (any case; arrays for repeated headers). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>> | Headers;
  /** Default `POST`. */
  method?: string;
  /** The client's address, checked against `allowedIps`. */
  remoteAddress?: string;
}

const EVENT_BY_HANDLER = new Map<string, string>(
  Object.entries(argyleHandlerNames).map(([event, name]) => [name, event]),
);

function redactedOptions(options: ResolvedOptions): Record<string, unknown> {
  return {
    secrets: options.allSecrets.length,
    subscriptions: [...options.bySubscription.keys()],
    unsigned: options.unsigned,
    validation: options.validation,
    limit: options.limit,
    pendingLimit: options.pendingLimit,
    timeoutMs: options.timeoutMs,
    readTimeoutMs: options.readTimeoutMs,
    path: options.path,
  };
}

const SPECIAL_KEYS: Record<string, symbol | undefined> = {
  "*": ANY,
  unknown: UNKNOWN,
  invalid: INVALID,
  error: ERROR,
};

function keysOf(event: string | readonly string[]): readonly string[] {
  return typeof event === "string" ? [event] : event;
}

/**
 * Receives Argyle webhooks: verifies the signature, validates the payload against Argyle's spec and calls your
 * typed handlers. Framework-free; the Express, Koa, node:http and Fetch adapters all run its `handle()`.
 *
 * @example
 * ```ts
 * const webhooks = new ArgyleWebhooks({ secret: process.env.ARGYLE_WEBHOOK_SECRET });
 * webhooks.onGigsPartiallySynced(async (event) => {
 *   await importGigs(event.data.account, event.data.days_synced);
 * });
 * webhooks.on("accounts.*", (event) => console.log(event.event, event.data.account));
 * ```
 */
/** A handler of event `E` (named, so compile errors print it short). */
type ArgyleEventListener<E extends ArgyleWebhookEventName> = (
  event: ArgyleWebhookEventMap[E],
  context: ArgyleWebhookContext,
) => unknown;

export class ArgyleWebhooks extends ArgyleEventMethods<ArgyleWebhookContext> {
  /** The checked options, with defaults. */
  readonly options: ResolvedOptions;
  private readonly state: ReceiverState;

  /**
   * `instanceof ArgyleWebhooks` also holds for an instance made by the other build (ESM vs CommonJS) of core, so
   * the adapters accept it. Subclasses keep the ordinary check.
   *
   * @example
   * ```ts
   * esmInstance instanceof ArgyleWebhooks; // true in CommonJS code too
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about (maybe a subclass)
    if (this !== ArgyleWebhooks) return Function.prototype[Symbol.hasInstance].call(this, value);
    return hasArgyleWebhooksBrand(value);
  }

  constructor(options: ArgyleWebhooksOptions) {
    super();
    brandArgyleWebhooks(this);
    this.options = resolveOptions(options);
    if (this.options.validation !== "off") {
      // Warm up in the background; a failure is retried on the first delivery that needs the validators.
      void Promise.resolve(loadValidators()).catch((error: unknown) =>
        this.options.logger.error?.("could not load the generated validators", { error }),
      );
    }
    this.state = {
      options: this.options,
      listeners: new Listeners(),
      budget: createByteBudget(this.options.pendingLimit),
    };
    if (this.options.unsigned) {
      this.options.logger.warn?.(
        "unsigned: true: webhook signatures are NOT verified; anyone who can reach this URL can post events",
      );
    }
    const { onAny, onUnknown, onInvalid, onError, ...typed } = options.handlers ?? {};
    for (const [name, handler] of Object.entries(typed)) {
      if (typeof handler === "function")
        this.state.listeners.add(EVENT_BY_HANDLER.get(name) as string, handler as AnyListener);
    }
    if (onAny) this.onAny(onAny);
    if (onUnknown) this.onUnknown(onUnknown);
    if (onInvalid) this.onInvalid(onInvalid);
    if (onError) this.onError(onError);
    this.options.inbox?.attach?.((delivery) => runStoredDelivery(this.state, delivery));
  }

  /**
   * Registers a handler for an event, a list of events, or a whole family (`"gigs.*"`). Handlers of a delivery
   * run concurrently; the response waits for them (up to `timeoutMs`).
   *
   * @example
   * ```ts
   * webhooks.on("gigs.partially_synced", (event) => event.data.days_synced);
   * webhooks.on(["accounts.connected", "accounts.failed"], (event) => event.data.account);
   * webhooks.on("gigs.*", (event) => event.event);
   * ```
   */
  on<const S extends string | readonly string[]>(
    selector: ArgyleCheckedSelector<S>,
    handler: (event: ArgyleSelectedEvent<S>, context: ArgyleWebhookContext) => unknown,
  ): this;
  on<E extends ArgyleWebhookEventName>(event: E, handler: ArgyleEventListener<E>): this;
  on(event: string | readonly string[], handler: AnyListener): this {
    if (typeof handler !== "function") throw new TypeError("on(): the handler must be a function");
    for (const key of keysOf(event)) this.state.listeners.add(key, handler);
    return this;
  }

  /**
   * Removes a handler added with `on`, `onXxx`, `onAny` (`"*"`), `onUnknown` (`"unknown"`), `onInvalid`
   * (`"invalid"`) or `onError` (`"error"`).
   *
   * @example
   * ```ts
   * webhooks.on("gigs.added", handler);
   * webhooks.removeListener("gigs.added", handler);
   * ```
   */
  removeListener(
    event:
      | ArgyleWebhookEventName
      | readonly ArgyleWebhookEventName[]
      | ArgyleFamilyWildcard
      | "*"
      | "unknown"
      | "invalid"
      | "error",
    // biome-ignore lint/suspicious/noExplicitAny: any registered handler can be removed.
    handler: (...args: any[]) => unknown,
  ): this {
    for (const key of keysOf(event)) this.state.listeners.remove(SPECIAL_KEYS[key] ?? key, handler);
    return this;
  }

  /**
   * Every delivery, known or unknown event, after the signature holds.
   * @example
   * ```ts
   * webhooks.onAny((event, ctx) => audit.write(event.event, ctx.deliveryKey));
   * ```
   */
  onAny(handler: ArgyleAnyHandler): this {
    this.state.listeners.add(ANY, handler);
    return this;
  }

  /**
   * Events not in the catalog (Argyle added one after this release). They are answered 200.
   * @example
   * ```ts
   * webhooks.onUnknown((event) => log.warn("new Argyle event", event.event));
   * ```
   */
  onUnknown(handler: ArgyleUnknownHandler): this {
    this.state.listeners.add(UNKNOWN, handler);
    return this;
  }

  /**
   * Verified messages that fail their schema. With `validation: "warn"` they are still dispatched.
   * @example
   * ```ts
   * webhooks.onInvalid((event, errors) => log.warn(event.event, errors));
   * ```
   */
  onInvalid(handler: ArgyleInvalidHandler): this {
    this.state.listeners.add(INVALID, handler);
    return this;
  }

  /**
   * Handler failures of a delivery, aggregated into one `ArgyleWebhookHandlerError`. Also called when the
   * response was already sent (202) and a handler fails later.
   * @example
   * ```ts
   * webhooks.onError((error) => Sentry.captureException(error));
   * ```
   */
  onError(handler: ArgyleErrorHandler): this {
    this.state.listeners.add(ERROR, handler);
    return this;
  }

  /** Serialises without secrets (error reporters and loggers serialise whatever they are given). */
  toJSON(): Record<string, unknown> {
    return { ...redactedOptions(this.options), listeners: this.state.listeners.size };
  }

  /** `util.inspect` / `console.log` without secrets. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ArgyleWebhooks ${JSON.stringify(this.toJSON())}`;
  }

  /**
   * Checks an `X-Argyle-Signature` value against the raw body with the configured secrets (every one of them).
   * Always true with `unsigned: true`.
   * @example
   * ```ts
   * if (!webhooks.verify(rawBody, req.headers["x-argyle-signature"])) res.status(401).end();
   * ```
   */
  verify(rawBody: Uint8Array | string, signature: string | readonly string[] | undefined): boolean {
    if (this.options.unsigned) return true;
    const match = matchSignature(rawBody, parseSignatureHeader(signature), this.options.allSecrets) as
      | number
      | Promise<number>;
    if (match instanceof Promise)
      throw new TypeError(
        "verify() needs node:crypto; on this runtime use verifyArgyleSignatureWeb from @argyle-webhooks/core/web-crypto",
      );
    return match >= 0;
  }

  /**
   * Runs the whole algorithm on a request given as data and returns the response to send. Never throws.
   * @example
   * ```ts
   * const { status, headers, body } = await webhooks.receive({ rawBody, headers: req.headers });
   * ```
   */
  receive(input: ReceiveInput): Promise<WebhookResponse> {
    const unknown =
      input !== null && typeof input === "object"
        ? unknownKey(input, RECEIVE_INPUT_NAMES, "receive() input field")
        : "receive() needs an input object";
    if (unknown) {
      this.options.logger.error?.(`receive(): ${unknown}`);
      return Promise.resolve(problemResponse(REFUSALS.internalError, `receive(): ${unknown}`));
    }
    const headers = input.headers ?? {};
    const raw: unknown = input.rawBody;
    const body =
      typeof raw === "string"
        ? new TextEncoder().encode(raw)
        : raw instanceof ArrayBuffer
          ? new Uint8Array(raw)
          : ArrayBuffer.isView(raw)
            ? new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)
            : undefined;
    const result: BodyResult = body
      ? { ok: true, body }
      : {
          ok: false,
          reason: "consumed",
          hint: "receive() needs rawBody as the exact bytes received (Uint8Array, Buffer, ArrayBuffer or string).",
        };
    return this.handle({
      method: (input.method ?? "POST").toUpperCase(),
      remoteAddress: input.remoteAddress,
      header: headerGetter(headers),
      headers: () => flatHeaders(headers),
      readBody: (limit) =>
        result.ok && result.body.byteLength > limit ? { ok: false, reason: "too-large" } : result,
    });
  }

  /**
   * The adapter entry point: runs the algorithm over a framework's seams. Never rejects: an unexpected internal
   * failure is logged and answered 500.
   */
  handle(seams: RequestSeams): Promise<WebhookResponse> {
    let answer: WebhookResponse | Promise<WebhookResponse>;
    try {
      answer = handleRequest(this.state, seams);
    } catch (error) {
      return Promise.resolve(this.#failed(error));
    }
    // One promise for a synchronous answer, one reaction for an asynchronous one: no extra async frame.
    return answer instanceof Promise
      ? answer.catch((error: unknown) => this.#failed(error))
      : Promise.resolve(answer);
  }

  /** An unexpected internal failure: logged, answered 500. */
  #failed(error: unknown): WebhookResponse {
    this.options.logger.error?.("unexpected failure in argyle-webhooks", { error });
    return problemResponse(REFUSALS.internalError);
  }
}
