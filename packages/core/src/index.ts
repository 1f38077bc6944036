/**
 * `@argyle-webhooks/core`: receive Argyle webhooks, framework-free. Verify `X-Argyle-Signature`, validate the
 * payload against Argyle's spec and dispatch to typed handlers.
 * @module
 */

export { ArgyleWebhooks, type ReceiveInput } from "./argyle-webhooks.js";
export type { ByteBudget } from "./byte-budget.js";
export { ArgyleWebhookHandlerError, ArgyleWebhooksConfigError } from "./errors.js";
export type * from "./generated/event-types.js";
export {
  type ArgyleEventHandlers,
  argyleHandlerNames,
  argyleWebhookEventNames,
  argyleWebhookEvents,
  argyleWebhookFamilies,
  getArgyleWebhookDefinition,
} from "./generated/index.js";
export {
  type ArgyleInboxContext,
  type ArgyleInboxDelivery,
  type ArgyleInboxDepth,
  type ArgyleInboxPort,
  type ArgyleStoredDelivery,
  isInboxContext,
} from "./inbox-port.js";
export { ARGYLE_WEBHOOK_IPS } from "./ip-allow-list.js";
export { type ArgyleWebhooksLogger, consoleLogger, silentLogger } from "./logger.js";
export { createMemoryDedupeStore, type MemoryDedupeStoreOptions } from "./memory-dedupe-store.js";
export type { BodyResult, RequestSeams } from "./request-seams.js";
export type { ResolvedOptions } from "./resolve-options.js";
export type { WebhookResponse } from "./response.js";
export {
  type PayloadBytes,
  parseSignatureHeader,
  signArgylePayload,
  verifyArgyleSignature,
} from "./signature.js";
export type { ArgyleTelemetryApi, ArgyleTelemetrySpan } from "./telemetry.js";
export type { ArgyleSpanContext, ArgyleTraceCarrier } from "./trace-carrier.js";
export type * from "./types.js";
export type { GeneratedValidator, ValidationError } from "./validation-error.js";
export type { ArgyleWebhookDefinition } from "./webhook-definition.js";
// The validators themselves: `@argyle-webhooks/core/validators` (loaded lazily by ArgyleWebhooks); example
// payloads of every event: `@argyle-webhooks/core/examples`.
