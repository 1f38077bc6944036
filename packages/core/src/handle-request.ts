import { checkDuplicate, type DuplicateVerdict } from "./check-duplicate.js";
import { checkRequestHead, type Signatures } from "./check-request-head.js";
import { reportInvalid, schemaErrors } from "./check-schema.js";
import { createContext } from "./delivery-context.js";
import { dispatch } from "./dispatch.js";
import {
  type ArgyleWebhookDefinition,
  type GeneratedValidator,
  getArgyleWebhookDefinition,
} from "./generated/index.js";
import { loadValidators } from "./load-validators.js";
import { printable } from "./printable.js";
import type { ReceiverState } from "./receiver-state.js";
import { REFUSALS } from "./refusals.js";
import { refuseBody } from "./refuse-body.js";
import type { BodyResult, RequestSeams } from "./request-seams.js";
import { problemResponse, success, type WebhookResponse } from "./response.js";
import { storeInInbox } from "./store-in-inbox.js";
import type { RequestNote } from "./telemetry.js";
import type { ArgyleWebhookContext } from "./types.js";
import type { VerifiedMessage } from "./verify-message.js";
import { verifyMessage } from "./verify-message.js";

/**
 * The one HTTP algorithm every adapter runs, in order: the request head (method, source address, content type,
 * signature header), the body (size, read timeout, `pendingLimit`), the signature, the message, its schema, then
 * the inbox or the duplicate guard, then dispatch. Synchronous as long as every step is (a `receive()` with sync
 * handlers); it never throws on bad input, and `ArgyleWebhooks.handle()` turns an unexpected failure into a 500.
 * @example
 * ```ts
 * const response = await handleRequest(state, seams);
 * ```
 */
export function handleRequest(
  state: ReceiverState,
  seams: RequestSeams,
): WebhookResponse | Promise<WebhookResponse> {
  const telemetry = state.options.telemetry;
  if (telemetry) return telemetry.observe(async (note) => new RequestRun(state, seams, note).start());
  return new RequestRun(state, seams, undefined).start();
}

type Answer = WebhookResponse | Promise<WebhookResponse>;

function isResponse(value: VerifiedMessage | WebhookResponse): value is WebhookResponse {
  return (value as WebhookResponse).status !== undefined;
}

/** One request going through the steps; each step runs at once, or when the promise of the one before settles. */
class RequestRun {
  private body: Uint8Array | undefined;
  private verified: VerifiedMessage | undefined;
  private definition: ArgyleWebhookDefinition | undefined;
  private context: ArgyleWebhookContext | undefined;

  constructor(
    private readonly state: ReceiverState,
    private readonly seams: RequestSeams,
    private readonly note: RequestNote | undefined,
  ) {}

  start(): Answer {
    const { options, budget } = this.state;
    const signatures = checkRequestHead(options, this.seams);
    if (!Array.isArray(signatures)) return signatures as WebhookResponse;
    const read = this.seams.readBody(options.limit, options.readTimeoutMs, budget);
    if (read instanceof Promise) return read.then((result) => this.withBody(result, signatures));
    return this.withBody(read, signatures);
  }

  private withBody(read: BodyResult, signatures: Signatures): Answer {
    const { options } = this.state;
    if (!read.ok) return refuseBody(options, this.seams.remoteAddress, read);
    this.body = read.body;
    const verified = verifyMessage(options, this.seams, read.body, signatures);
    if (verified instanceof Promise) return verified.then((result) => this.withMessage(result));
    return this.withMessage(verified);
  }

  private withMessage(verified: VerifiedMessage | WebhookResponse): Answer {
    if (isResponse(verified)) return verified;
    this.verified = verified;
    const definition = getArgyleWebhookDefinition(verified.message.event);
    this.definition = definition;
    if (!definition || this.state.options.validation === "off") return this.withValidator(undefined);
    const table = loadValidators();
    if (table instanceof Promise) return table.then((t) => this.withValidator(t[definition.event]));
    return this.withValidator(table[definition.event]);
  }

  private withValidator(validate: GeneratedValidator | undefined): Answer {
    const { options } = this.state;
    const { message, secretIndex } = this.verified as VerifiedMessage;
    const errors = schemaErrors(validate, message);
    const subscription = typeof message.name === "string" ? message.name : undefined;
    const checked = validate !== undefined;
    const context = createContext(
      this.body as Uint8Array,
      this.seams,
      secretIndex,
      subscription,
      errors,
      checked,
    );
    this.context = context;
    this.note?.delivery(message.event, context);
    if (errors) {
      this.note?.invalid(message.event, errors);
      const refused = reportInvalid(this.state, message, errors, context);
      if (refused) return refused;
    }
    if (options.inbox) {
      return storeInInbox(options.inbox, options.logger, message, context, this.note?.stored());
    }
    if (!options.dedupe) return this.run();
    const verdict = checkDuplicate(options.dedupe, context.deliveryKey, options.timeoutMs, options.logger);
    if (verdict instanceof Promise) return verdict.then((v) => this.withVerdict(v));
    return this.withVerdict(verdict);
  }

  private withVerdict(verdict: DuplicateVerdict): Answer {
    if (verdict === "new") return this.run();
    if (verdict === "unavailable") return problemResponse(REFUSALS.dedupeUnavailable);
    const { message } = this.verified as VerifiedMessage;
    this.state.options.logger.debug?.("duplicate delivery: handlers not run again", { event: message.event });
    return success("duplicate");
  }

  private run(): Answer {
    const { listeners, options } = this.state;
    const { message } = this.verified as VerifiedMessage;
    const context = this.context as ArgyleWebhookContext;
    const definition = this.definition;
    const args = [message, context];
    if (definition) {
      const run = listeners.forEvent(definition.event, definition.family);
      return dispatch(this.state, run, args, message.event, context, this.note);
    }
    this.note?.unknown();
    const run = listeners.forUnknown(message.event);
    if (run.length === 0)
      options.logger.info?.(`unknown event ${printable(message.event)}: no onUnknown handler`);
    return dispatch(this.state, run, args, message.event, context, this.note);
  }
}
