import { ArgyleWebhookHandlerError } from "./errors.js";
import { getArgyleWebhookDefinition, type ValidationError } from "./generated/index.js";
import type { ArgyleInboxContext, ArgyleStoredDelivery } from "./inbox-port.js";
import { invokeAll } from "./invoke-all.js";
import { ERROR } from "./listeners.js";
import { loadValidators } from "./load-validators.js";
import type { ReceiverState } from "./receiver-state.js";

/**
 * Runs a delivery taken from an inbox through the registered listeners (the same ones the request path uses) and
 * resolves with their failures: empty when every handler succeeded. Failures are also reported to `onError`.
 */
export async function runStoredDelivery(
  state: ReceiverState,
  stored: ArgyleStoredDelivery,
): Promise<readonly unknown[]> {
  // Stored only after it was checked as UTF-8 on the request path; TextDecoder keeps this free of Node built-ins.
  const text = new TextDecoder().decode(stored.rawBody);
  const message = JSON.parse(text) as { event: string; name?: unknown; data: Record<string, unknown> };
  const definition = getArgyleWebhookDefinition(message.event);
  let errors: readonly ValidationError[] | undefined;
  const checked = definition !== undefined && state.options.validation !== "off";
  if (definition && checked) {
    const table = loadValidators();
    const validate = (table instanceof Promise ? await table : table)[definition.event];
    if (validate && !validate(message)) errors = validate.errors ?? [];
  }
  const base = {
    rawBody: stored.rawBody,
    subscription: typeof message.name === "string" ? message.name : undefined,
  };
  const context: ArgyleInboxContext = {
    rawBody: base.rawBody,
    headers: {},
    secretIndex: undefined,
    subscription: base.subscription,
    deliveryKey: stored.deliveryKey,
    validationErrors: errors,
    validation: { checked, valid: checked && !errors, errors: errors ?? [] },
    attempt: stored.attempt,
    receivedAt: stored.receivedAt,
  };
  const listeners = definition
    ? state.listeners.forEvent(definition.event, definition.family)
    : state.listeners.forUnknown(message.event);
  const telemetry = state.options.telemetry;
  const run = telemetry ? telemetry.storedHandlers(message.event, listeners, stored) : listeners;
  const result = invokeAll(run, [message, context]);
  const failures = Array.isArray(result) ? result : await result;
  if (failures.length > 0) {
    telemetry?.failed(message.event, stored.attempt, stored.maxAttempts);
    const error = new ArgyleWebhookHandlerError(failures, message.event);
    const onError = state.listeners.get(ERROR);
    if (onError.length === 0) state.options.logger.error?.(error.message, { event: message.event, failures });
    else {
      const reported = invokeAll(onError, [error, context]);
      if (!Array.isArray(reported)) await reported;
    }
  }
  return failures;
}
