/**
 * The generated validator of every event (a bundle chunk of its own: `ArgyleWebhooks` loads it on first use,
 * `@argyle-webhooks/core/validators` exports it).
 * @example
 * ```ts
 * import { validators } from "./generated/validators.js";
 * validators["gigs.added"]({ event: "gigs.added", data: {} }); // false: the schema's required fields are missing
 * ```
 * @module
 */
export { validators } from "../../../../generated/validators.mjs";
