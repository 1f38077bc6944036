/**
 * `@argyle-webhooks/core`: receive Argyle webhooks, framework-free. Verify `X-Argyle-Signature`, validate the
 * payload against Argyle's spec and dispatch to typed handlers.
 * @module
 */
export { ArgyleWebhooks, type ReceiveInput } from "./argyle-webhooks.js";
export { signArgylePayload, verifyArgyleSignature, parseSignatureHeader, type PayloadBytes } from "./signature.js";
export { ARGYLE_WEBHOOK_IPS, compileIpAllowList } from "./ip-allow-list.js";
export { ArgyleWebhookHandlerError, ArgyleWebhooksConfigError } from "./errors.js";
export { createMemoryDedupeStore, type MemoryDedupeStoreOptions } from "./memory-dedupe-store.js";
export { isJsonContentType } from "./content-type.js";
export { parseByteLimit } from "./byte-limit.js";
export { consoleLogger, silentLogger, type ArgyleWebhooksLogger } from "./logger.js";
export type { WebhookResponse } from "./response.js";
export type { BodyResult, RequestSeams } from "./request-seams.js";
export type { ResolvedOptions } from "./resolve-options.js";
export type * from "./types.js";
export * from "../../../generated/types.js";
export * from "../../../generated/registry.js";
export * from "../../../generated/handlers.js";
export * from "../../../generated/examples.js";
export type { GeneratedValidator, ValidationError } from "../../../generated/validators.mjs";
// The validators themselves: `@argyle-webhooks/core/validators` (loaded lazily by ArgyleWebhooks).
