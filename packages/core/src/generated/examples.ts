/**
 * A valid example message of every event, from the spec (only `@argyle-webhooks/core/examples` reaches it).
 * @example
 * ```ts
 * import { argyleWebhookExamples } from "./generated/examples.js";
 * argyleWebhookExamples["gigs.added"].event; // "gigs.added"
 * ```
 * @module
 */
export { argyleWebhookExamples } from "../../../../generated/examples.js";
