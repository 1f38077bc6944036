/**
 * `@argyle-webhooks/core/examples`: a valid example message of every event, from Argyle's spec (with our overlay's
 * corrections), for tests and local tools. Kept out of the main entry so importing core stays small.
 *
 * @example
 * ```ts
 * import { argyleWebhookExamples } from "@argyle-webhooks/core/examples";
 * const body = JSON.stringify(argyleWebhookExamples["gigs.added"]);
 * ```
 * @module
 */
export { argyleWebhookExamples } from "./generated/examples.js";
