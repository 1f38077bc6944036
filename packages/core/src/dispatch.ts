import { forgetQuietly } from "./check-duplicate.js";
import { ArgyleWebhookHandlerError } from "./errors.js";
import type { AnyListener } from "./invoke-all.js";
import { isThenable } from "./is-thenable.js";
import { ERROR } from "./listeners.js";
import { notifyQuietly } from "./notify-quietly.js";
import { printable } from "./printable.js";
import type { ReceiverState } from "./receiver-state.js";
import { REFUSALS } from "./refusals.js";
import { problemResponse, success, type WebhookResponse } from "./response.js";
import type { RequestNote } from "./telemetry.js";
import type { ArgyleWebhookContext } from "./types.js";

/**
 * Runs a verified delivery's listeners, all at once, and answers: 200 when every one succeeded, 500 (after
 * releasing the dedupe key and reporting to `onError`) when any failed, 202 when some still run after `timeoutMs`
 * (their failures are still reported when they end). Synchronous when no listener returned a promise.
 * @example
 * ```ts
 * const response = await dispatch(state, state.listeners.forEvent("gigs.added", "gigs"), [message, context], message.event, context);
 * ```
 */
export function dispatch(
  state: ReceiverState,
  listeners: readonly AnyListener[],
  args: readonly unknown[],
  event: string,
  context: ArgyleWebhookContext,
  note?: RequestNote,
): WebhookResponse | Promise<WebhookResponse> {
  const run = note ? note.handlers(event, listeners) : listeners;
  let running: Running | undefined;
  // Created on the first failure; once a listener returned a promise, the one its Running collects into.
  let errors: unknown[] | undefined;
  for (const listener of run) {
    try {
      const result = args.length === 2 ? listener(args[0], args[1]) : listener(...args);
      if (isThenable(result)) {
        if (!running) {
          running = new Running(state, event, context, errors ?? []);
          errors = running.errors;
        }
        running.wait(result);
      }
    } catch (error) {
      errors ??= [];
      errors.push(error);
    }
  }
  if (!running) return finish(state, errors, event, context);
  return running.answer();
}

/**
 * The listeners of one delivery that returned promises: one reaction per promise and one answer promise, with the
 * 202 timer armed only if they have not all settled by the next microtask (most quick async handlers have).
 */
class Running {
  private pending = 0;
  private answered = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private resolve: ((response: WebhookResponse) => void) | undefined;

  constructor(
    private readonly state: ReceiverState,
    private readonly event: string,
    private readonly context: ArgyleWebhookContext,
    /** Failures so far (synchronous throws), then each rejection as it arrives. */
    readonly errors: unknown[],
  ) {}

  readonly settled = (): void => {
    if (--this.pending === 0) this.end();
  };

  readonly failed = (error: unknown): void => {
    this.errors.push(error);
    this.settled();
  };

  readonly arm = (): void => {
    if (this.pending === 0 || this.answered) return;
    this.timer = setTimeout(() => this.timedOut(), this.state.options.timeoutMs);
    this.timer.unref?.();
  };

  private timedOut(): void {
    this.state.options.logger.debug?.("handlers still running: answered 202", { event: this.event });
    this.send(success("accepted"));
  }

  wait(result: PromiseLike<unknown>): void {
    this.pending++;
    // A native promise gets its reaction directly; any other thenable is adopted first (it may call back twice).
    (result instanceof Promise ? result : Promise.resolve(result)).then(this.settled, this.failed);
  }

  answer(): Promise<WebhookResponse> {
    const answer = new Promise<WebhookResponse>((resolve) => {
      this.resolve = resolve;
    });
    queueMicrotask(this.arm);
    return answer;
  }

  private end(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    let response: WebhookResponse;
    try {
      response = finish(this.state, this.errors, this.event, this.context);
    } catch {
      response = problemResponse(REFUSALS.handlerFailed);
    }
    this.send(response);
  }

  private send(response: WebhookResponse): void {
    if (this.answered) return;
    this.answered = true;
    this.resolve?.(response);
  }
}

function finish(
  state: ReceiverState,
  errors: unknown[] | undefined,
  event: string,
  context: ArgyleWebhookContext,
): WebhookResponse {
  if (!errors || errors.length === 0) return success("ok");
  const { options } = state;
  // Release the key first, so Argyle's redelivery runs the handlers again whatever happens while reporting.
  if (options.dedupe) forgetQuietly(options.dedupe, context.deliveryKey, options.logger);
  try {
    reportFailure(state, errors, event, context);
  } catch (error) {
    options.logger.error?.("could not report a handler failure", { event, error });
  }
  return problemResponse(REFUSALS.handlerFailed);
}

function reportFailure(
  state: ReceiverState,
  errors: unknown[],
  event: string,
  context: ArgyleWebhookContext,
): void {
  const error = new ArgyleWebhookHandlerError(errors, event);
  const listeners = state.listeners.get(ERROR);
  // The line itself holds no handler message (they may embed payload data); the errors are in the details.
  const count = `${errors.length} handler${errors.length === 1 ? "" : "s"} failed for ${printable(event)}`;
  if (listeners.length === 0) state.options.logger.error?.(count, { event, errors });
  else notifyQuietly(state.options.logger, listeners, [error, context], "onError", event);
}
