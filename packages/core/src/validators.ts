/**
 * `@argyle-webhooks/core/validators`: the generated standalone validator of every event, for checking a message
 * yourself (`ArgyleWebhooks` loads them on its own).
 *
 * @example
 * ```ts
 * import { validators } from "@argyle-webhooks/core/validators";
 * if (!validators["gigs.added"](message)) console.log(validators["gigs.added"].errors);
 * ```
 * @module
 */

export { validators } from "./generated/validators.js";
export type { GeneratedValidator, ValidationError } from "./validation-error.js";
