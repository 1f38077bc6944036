import type { GeneratedValidator, ValidationError } from "./generated/index.js";
import { INVALID } from "./listeners.js";
import { notifyQuietly } from "./notify-quietly.js";
import type { WebhookMessage } from "./parse-message.js";
import { printable } from "./printable.js";
import type { ReceiverState } from "./receiver-state.js";
import { REFUSALS } from "./refusals.js";
import { problemResponse, type WebhookResponse } from "./response.js";
import type { ArgyleWebhookContext } from "./types.js";

const MAX_REPORTED_ERRORS = 20;

/**
 * The message's schema errors (at most 20), or `undefined` when it matches or there is no validator to run.
 * @example
 * ```ts
 * const errors = schemaErrors(validators["gigs.added"], message);
 * ```
 */
export function schemaErrors(
  validate: GeneratedValidator | undefined,
  message: WebhookMessage,
): readonly ValidationError[] | undefined {
  if (!validate || validate(message)) return undefined;
  return (validate.errors ?? []).slice(0, MAX_REPORTED_ERRORS);
}

/**
 * Tells `onInvalid` (or the logger, at `warn`) that a verified message fails its schema; with
 * `validation: "reject"` returns the 422 that lists the errors, otherwise `undefined` (the delivery goes on).
 * @example
 * ```ts
 * const refused = reportInvalid(state, message, errors, context);
 * if (refused) return refused;
 * ```
 */
export function reportInvalid(
  state: ReceiverState,
  message: WebhookMessage,
  errors: readonly ValidationError[],
  context: ArgyleWebhookContext,
): WebhookResponse | undefined {
  const { options } = state;
  const invalid = state.listeners.get(INVALID);
  if (invalid.length === 0)
    options.logger.warn?.(`${printable(message.event)} does not match its schema`, { errors });
  else notifyQuietly(options.logger, invalid, [message, errors, context], "onInvalid", message.event);
  if (options.validation !== "reject") return undefined;
  return problemResponse(REFUSALS.invalidPayload, `The ${message.event} message does not match its schema.`, {
    errors: errors.map((e) => ({ path: e.instancePath || "/", message: e.message ?? e.keyword })),
  });
}
